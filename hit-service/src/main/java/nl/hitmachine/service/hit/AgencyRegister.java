package nl.hitmachine.service.hit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured agencies, in configuration order. */
public final class AgencyRegister {
  private final Map<String, Agency> byCode = new LinkedHashMap<>();
  private final Map<String, Integer> order = new LinkedHashMap<>();

  public AgencyRegister(List<Agency> agencies) {
    for (Agency a : agencies) {
      if (byCode.putIfAbsent(a.code(), a) != null) {
        throw new IllegalArgumentException("agency code listed twice: " + a.code());
      }
      order.put(a.code(), order.size());
    }
  }

  public Optional<Agency> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public Agency get(String code) {
    Agency a = byCode.get(code);
    if (a == null) {
      throw new IllegalArgumentException("no agency with code " + code);
    }
    return a;
  }

  /** Position in the register, for a stable order of answers. */
  int position(String code) {
    return order.getOrDefault(code, Integer.MAX_VALUE);
  }

  public List<Agency> all() {
    return List.copyOf(byCode.values());
  }
}
