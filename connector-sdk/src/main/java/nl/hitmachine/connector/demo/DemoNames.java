package nl.hitmachine.connector.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic names for the demo city's residents, as a case system would hold them. Derived from
 * the city's seed and the household alone, separately from the drawing of the city, so adding names
 * changed no BSN, age or caseload. Some names have letters outside ASCII (all of them in
 * windows-1252), as real exports do.
 */
final class DemoNames {
  private static final List<String> SURNAMES =
      List.of(
          "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
          "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
          "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
          "Kok", "Jacobs", "van der Linden", "Willems", "Daniëls", "Çelik", "Öztürk", "Yildiz",
          "El Amrani", "Bouzidi", "Müller", "Gonçalves", "Nuñez", "Hoëlen", "Citroën", "Kaya",
          "Boukhari", "Verbeek", "Wijnands", "Geurts", "Thijssen", "Römer", "Noël");

  private static final List<String> FIRST_NAMES =
      List.of(
          "Sanne", "Daan", "Noël", "Zoë", "Chloé", "Ahmed", "Fatima", "Mohamed", "Anaïs", "Lotte",
          "Bram", "Emma", "Liam", "Jesús", "Sofía", "Thijs", "Eline", "René", "José", "Ilse", "Kübra",
          "Hüseyin", "Noah", "Julia", "Sem", "Tess", "Finn", "Mila", "Yara", "Ayoub", "Ömer", "Maël",
          "Inge", "Joris", "Ruud", "Marieke", "Priscilla", "Dewi", "Björn", "Hanneke");

  private final long seed;

  DemoNames(long seed) {
    this.seed = seed;
  }

  /**
   * The name of member {@code memberIndex} (oldest first) of household number {@code
   * householdIndex}: members share the household's surname, a second adult sometimes keeps a
   * double-barrelled one (e.g. "Jansen-Brouwër").
   */
  String fullName(int householdIndex, int memberIndex, int age) {
    SplittableRandom household = new SplittableRandom(seed * 1_000_003L + householdIndex);
    String surname = pick(household, SURNAMES);
    String partnerSurname = pick(household, SURNAMES);
    boolean doubleBarrelled = household.nextInt(5) == 0;
    SplittableRandom member = new SplittableRandom(seed * 1_000_003L + householdIndex + 7_919L * (memberIndex + 1));
    String first = pick(member, FIRST_NAMES);
    String last = surname;
    if (memberIndex == 1 && age >= 18) {
      last = doubleBarrelled ? surname + "-" + umlaut(partnerSurname) : partnerSurname;
    }
    return first + " " + last;
  }

  private static String pick(SplittableRandom random, List<String> names) {
    return names.get(random.nextInt(names.size()));
  }

  /** "Brouwer" becomes "Brouwër": the diaeresis spelling some registrations have. */
  private static String umlaut(String name) {
    int e = name.lastIndexOf('e');
    return e > 0 && e < name.length() - 1 ? name.substring(0, e) + 'ë' + name.substring(e + 1) : name;
  }
}
