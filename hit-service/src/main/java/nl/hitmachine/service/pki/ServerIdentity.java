package nl.hitmachine.service.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names a server certificate is valid for: DNS names and IP addresses, written as subject
 * alternative names (the subject CN is the first DNS name, for humans only).
 *
 * @param dnsNames at least one host name, lower-cased; a leading {@code *.} wildcard label is allowed
 * @param ipAddresses literal IPv4 or IPv6 addresses, possibly none
 */
public record ServerIdentity(List<String> dnsNames, List<String> ipAddresses) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  public ServerIdentity {
    if (dnsNames == null || dnsNames.isEmpty()) {
      throw PkiException.invalid("give at least one --dns name for the server certificate");
    }
    dnsNames = dnsNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    for (String name : dnsNames) {
      if (!isHostName(name)) {
        throw PkiException.invalid("--dns '" + name + "' is not a host name (letters, digits, '-' and dots;"
            + " an optional leading '*.')");
      }
    }
    ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    for (String ip : ipAddresses) {
      if (!IPV4.matcher(ip).matches() && !isIpv6Literal(ip)) {
        throw PkiException.invalid("--ip '" + ip + "' is not an IPv4 or IPv6 address");
      }
    }
  }

  private static boolean isHostName(String name) {
    String rest = name.startsWith("*.") ? name.substring(2) : name;
    if (rest.isEmpty() || rest.length() > 253) {
      return false;
    }
    for (String label : rest.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6Literal(String ip) {
    if (!IPV6_CHARS.matcher(ip).matches()) {
      return false;
    }
    try {
      InetAddress.getByName("[" + ip + "]"); // in brackets only an IPv6 literal is accepted; never looked up
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
