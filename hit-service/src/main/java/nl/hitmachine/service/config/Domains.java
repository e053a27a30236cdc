package nl.hitmachine.service.config;

import java.util.List;

/** The leefgebieden (life domains) an agency can belong to. */
public final class Domains {
  public static final List<String> ALL =
      List.of("onderwijs", "financien", "zorg", "gezin", "wonen", "werk", "justitie", "veiligheid");

  private Domains() {}
}
