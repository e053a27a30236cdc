package nl.hitmachine.connector.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import nl.hitmachine.connector.Bsn;

/**
 * A synthetic city for demonstrations: about 180 000 residents in 85 000 households (the size of
 * Nijmegen), the caseloads of eleven partner agencies and a Veiligheidshuis screening list.
 * Everything is derived from a seed, so the same seed gives the same city.
 *
 * <p>Each household has a latent <em>problem load</em> (log-normal, higher for single-parent and
 * large families, with a small group of multi-problem households). Every agency draws its caseload
 * weighted by that load, so that multi-problem households are known to several agencies, as in
 * reality. The screening list (about 145 households, 240 people) is drawn from the highest-load
 * households, like the Top-150 list the Nijmegen experiment used.
 *
 * <p>The BSNs are random numbers that pass the 11-check: synthetic, but they look like real ones.
 * Demo data only; never mix it with real data.
 */
public final class DemoPopulation {
  /** Households at scale 1. */
  public static final int HOUSEHOLDS = 85_000;

  /** Households on the screening list at scale 1. */
  public static final int SCREENING_HOUSEHOLDS = 145;

  /** The coordinating agency that registers and looks up the screening list. */
  public static final String COORDINATOR_AGENCY = "veiligheidshuis";

  /**
   * A partner agency of the demo (codes match the demo agency register of hit-service).
   *
   * @param code agency code
   * @param name display name
   * @param domain domain (leefgebied)
   * @param protectedSource whether its registrations are health or criminal-offence data (AVG art.
   *     9/10), shown only to queriers with clearance
   * @param caseloadSize registrations at scale 1
   * @param refPrefix prefix of its case refs, e.g. {@code LP} for {@code LP-000123}
   */
  public record Agency(
      String code, String name, String domain, boolean protectedSource, int caseloadSize, String refPrefix) {}

  /**
   * A resident.
   *
   * @param bsn synthetic BSN ({@link Bsn#toString()} is redacted)
   * @param age age in years on the demo day
   * @param householdId the household's id
   */
  public record Resident(Bsn bsn, int age, String householdId) {}

  /**
   * A household.
   *
   * @param id {@code H} and six digits
   * @param members oldest first
   * @param problemLoad latent problem load; the mean is about 1.5
   */
  public record Household(String id, List<Resident> members, double problemLoad) {
    public Household {
      members = List.copyOf(members);
    }
  }

  /**
   * One registration of an agency.
   *
   * @param resident the subject
   * @param validUntil end of the registration, 30 to 365 days after the demo day
   * @param ref the agency's case number, e.g. {@code LP-000123}
   */
  public record Case(Resident resident, LocalDate validUntil, String ref) {}

  /**
   * A household on the screening list with the members the list names.
   *
   * @param household the household
   * @param members the members on the list, oldest first: up to three of those known to most
   *     agencies (those known to two or more, and at least the one known to most)
   */
  public record ScreeningHousehold(Household household, List<Resident> members) {
    public ScreeningHousehold {
      members = List.copyOf(members);
    }
  }

  /** The partner agencies and their caseload sizes for a city of 180 000. */
  public static final List<Agency> AGENCIES =
      List.of(
          new Agency("leerplicht", "Leerplicht", "onderwijs", false, 1_800, "LP"),
          new Agency("schuldhulp", "Schuldhulpverlening", "financien", false, 2_500, "SH"),
          new Agency("werkinkomen", "Werk en Inkomen", "werk", false, 6_000, "WI"),
          new Agency("wijkteam", "Sociaal wijkteam", "zorg", false, 7_000, "WT"),
          new Agency("ggz", "GGZ", "zorg", true, 4_000, "GGZ"),
          new Agency("regieteam", "Regieteam", "gezin", false, 500, "RT"),
          new Agency("veiligthuis", "Veilig Thuis", "gezin", false, 900, "VT"),
          new Agency("woningcorporatie", "Woningcorporatie", "wonen", false, 1_500, "WC"),
          new Agency("politie", "Politie", "veiligheid", false, 2_500, "POL"),
          new Agency("om", "Openbaar Ministerie", "justitie", true, 1_500, "OM"),
          new Agency("reclassering", "Reclassering", "justitie", true, 700, "RN"));

  private static final double LOAD_EXPONENT = 1.3;

  private final long seed;
  private final double scale;
  private final LocalDate today;
  private final List<Household> households;
  private final List<Resident> residents;
  private final Map<String, List<Case>> caseloads;
  private final List<ScreeningHousehold> screeningList;
  private final List<Case> coordinatorCaseload;
  private final DemoNames names;

  private DemoPopulation(Generator g) {
    this.seed = g.seed;
    this.scale = g.scale;
    this.today = g.today;
    this.households = Collections.unmodifiableList(g.households);
    this.residents = Collections.unmodifiableList(g.residents);
    this.caseloads = Collections.unmodifiableMap(g.caseloads);
    this.screeningList = List.copyOf(g.screening);
    this.coordinatorCaseload = List.copyOf(g.coordinatorCases);
    this.names = new DemoNames(g.seed);
  }

  /**
   * Generates the city.
   *
   * @param seed the same seed gives the same city
   * @param scale 1.0 for a city of 180 000 residents; smaller for quick tests (households, caseloads
   *     and the screening list scale alike, each at least 1)
   * @param today the demo day: ages and validity dates are relative to it
   */
  public static DemoPopulation generate(long seed, double scale, LocalDate today) {
    Objects.requireNonNull(today, "today");
    if (!(scale > 0 && scale <= 10)) {
      throw new IllegalArgumentException("scale must be more than 0 and at most 10");
    }
    return new DemoPopulation(new Generator(seed, scale, today).run());
  }

  public long seed() {
    return seed;
  }

  public double scale() {
    return scale;
  }

  public LocalDate today() {
    return today;
  }

  public List<Household> households() {
    return households;
  }

  public List<Resident> residents() {
    return residents;
  }

  /** The partner agencies, in the order their caseloads are drawn. */
  public List<Agency> agencies() {
    return AGENCIES;
  }

  /**
   * The caseload of a partner agency.
   *
   * @throws IllegalArgumentException for an unknown agency code
   */
  public List<Case> caseload(String agencyCode) {
    List<Case> cases = caseloads.get(agencyCode);
    if (cases == null) {
      throw new IllegalArgumentException("no demo agency " + agencyCode);
    }
    return cases;
  }

  /** The screening list, highest problem load first. */
  public List<ScreeningHousehold> screeningList() {
    return screeningList;
  }

  /**
   * The coordinator's registrations: every member on the screening list (refs {@code VH-000001},
   * ...), so that the legitimate-relation rule lets the coordinator ask about them.
   */
  public List<Case> coordinatorCaseload() {
    return coordinatorCaseload;
  }

  /**
   * A synthetic full name for a resident, as a case system would show it (e.g. "Zoë Çelik" or
   * "Sanne Jansen-Brouwër"); derived from the seed and household, the same for every agency.
   *
   * @throws IllegalArgumentException if the resident is not of this city
   */
  public String name(Resident resident) {
    String id = resident.householdId();
    int index = Integer.parseInt(id.substring(1)) - 1;
    Household household = index >= 0 && index < households.size() ? households.get(index) : null;
    int member = household == null ? -1 : household.members().indexOf(resident);
    if (member < 0) {
      throw new IllegalArgumentException("not a resident of this demo city");
    }
    return names.fullName(index, member, resident.age());
  }

  @Override
  public String toString() {
    return "DemoPopulation[seed=" + seed + ", scale=" + scale + ", households=" + households.size()
        + ", residents=" + residents.size() + "]";
  }

  /** The drawing; single-use. Only the seeded {@link Random} decides, in a fixed order. */
  private static final class Generator {
    final long seed;
    final double scale;
    final LocalDate today;
    final Random random;
    final List<Household> households = new ArrayList<>();
    final List<Resident> residents = new ArrayList<>();
    final Map<String, List<Case>> caseloads = new LinkedHashMap<>();
    final List<ScreeningHousehold> screening = new ArrayList<>();
    final List<Case> coordinatorCases = new ArrayList<>();
    final Set<Integer> usedBsns = new HashSet<>();

    int[] householdOf;
    double[] load;
    double[] weight;
    boolean[] hasChild;
    int[] registrations;

    Generator(long seed, double scale, LocalDate today) {
      this.seed = seed;
      this.scale = scale;
      this.today = today;
      this.random = new Random(seed);
    }

    Generator run() {
      int count = scaled(HOUSEHOLDS);
      load = new double[count];
      hasChild = new boolean[count];
      List<Integer> householdIndexOfResident = new ArrayList<>();
      for (int h = 0; h < count; h++) {
        String id = "H" + sixDigits(h + 1);
        int[] ages = householdAges(h);
        List<Resident> members = new ArrayList<>(ages.length);
        for (int age : ages) {
          Resident r = new Resident(newBsn(), age, id);
          members.add(r);
          residents.add(r);
          householdIndexOfResident.add(h);
          hasChild[h] |= age < 18;
        }
        households.add(new Household(id, members, load[h]));
      }
      householdOf = householdIndexOfResident.stream().mapToInt(Integer::intValue).toArray();
      weight = new double[count];
      for (int h = 0; h < count; h++) {
        weight[h] = Math.pow(load[h], LOAD_EXPONENT);
      }
      registrations = new int[residents.size()];
      Map<String, BitSet> members = new LinkedHashMap<>();
      for (Agency agency : AGENCIES) {
        BitSet chosen = draw(agency, members);
        members.put(agency.code(), chosen);
        chosen.stream().forEach(i -> registrations[i]++);
        caseloads.put(agency.code(), cases(agency.refPrefix(), chosen.stream().toArray()));
      }
      drawScreeningList();
      return this;
    }

    static String sixDigits(int n) {
      String digits = Integer.toString(n);
      return digits.length() >= 6 ? digits : "000000".substring(digits.length()) + digits;
    }

    int scaled(int n) {
      return (int) Math.max(1, Math.round(n * scale));
    }

    /** Ages of one household's members, oldest first; also sets the household's load. */
    int[] householdAges(int h) {
      double kind = random.nextDouble();
      double factor;
      int[] ages;
      if (kind < 0.40) { // single person
        ages = new int[] {adultAge()};
        factor = 1.0;
      } else if (kind < 0.68) { // couple without children at home
        int a = adultAge();
        ages = new int[] {a, clamp(a + random.nextInt(9) - 4, 18, 99)};
        factor = 0.7;
      } else if (kind < 0.90) { // two parents with children
        int parent = 24 + random.nextInt(30);
        int kids = childCount();
        ages = family(new int[] {parent, clamp(parent + random.nextInt(9) - 4, 20, 62)}, kids);
        factor = kids >= 3 ? 1.4 : 1.0;
      } else if (kind < 0.98) { // single parent
        int parent = 21 + random.nextInt(33);
        ages = family(new int[] {parent}, childCount());
        factor = 1.9;
      } else { // shared house
        int n = 3 + random.nextInt(2);
        ages = new int[n];
        for (int i = 0; i < n; i++) {
          ages[i] = 18 + random.nextInt(12);
        }
        factor = 0.8;
      }
      double latent = Math.exp(0.9 * random.nextGaussian());
      boolean multiProblem = random.nextDouble() < 0.03;
      load[h] = latent * factor * (multiProblem ? 4.0 : 1.0);
      Integer[] boxed = Arrays.stream(ages).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, Collections.reverseOrder());
      return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    int[] family(int[] parents, int kids) {
      int youngest = Arrays.stream(parents).min().orElseThrow();
      int maxChildAge = Math.min(youngest - 18, 22);
      int[] ages = Arrays.copyOf(parents, parents.length + kids);
      for (int i = 0; i < kids; i++) {
        ages[parents.length + i] = random.nextInt(Math.max(1, maxChildAge + 1));
      }
      return ages;
    }

    int childCount() {
      double x = random.nextDouble();
      return x < 0.35 ? 1 : x < 0.80 ? 2 : x < 0.95 ? 3 : x < 0.99 ? 4 : 5;
    }

    int adultAge() {
      double x = random.nextDouble();
      if (x < 0.20) {
        return 18 + random.nextInt(7);
      } else if (x < 0.42) {
        return 25 + random.nextInt(10);
      } else if (x < 0.62) {
        return 35 + random.nextInt(15);
      } else if (x < 0.81) {
        return 50 + random.nextInt(15);
      } else if (x < 0.94) {
        return 65 + random.nextInt(15);
      }
      return 80 + random.nextInt(16);
    }

    static int clamp(int v, int lo, int hi) {
      return Math.max(lo, Math.min(hi, v));
    }

    /** A fresh BSN: eight random digits and the check digit that makes the 11-check hold. */
    Bsn newBsn() {
      while (true) {
        int prefix = random.nextInt(100_000_000);
        int sum = 0;
        int rest = prefix;
        for (int weight = 2; weight <= 9; weight++) {
          sum += weight * (rest % 10);
          rest /= 10;
        }
        int check = sum % 11;
        if (check == 10) {
          continue; // no digit makes the 11-check hold
        }
        int number = prefix * 10 + check;
        if (number == 0 || !usedBsns.add(number)) {
          continue;
        }
        char[] digits = new char[9];
        for (int i = 8; i >= 0; i--) {
          digits[i] = (char) ('0' + number % 10);
          number /= 10;
        }
        return Bsn.parse(new String(digits));
      }
    }

    /** Draws one agency's caseload as a set of resident indexes. */
    BitSet draw(Agency agency, Map<String, BitSet> earlier) {
      int size = scaled(agency.caseloadSize());
      IntToDoubleFunction byLoad = i -> weight[householdOf[i]];
      return switch (agency.code()) {
        case "leerplicht" -> sample(size, i -> age(i) >= 5 && age(i) <= 18, byLoad);
        case "schuldhulp" -> sample(size, i -> age(i) >= 18, byLoad);
        case "ggz" -> sample(size, i -> age(i) >= 12, byLoad);
        case "woningcorporatie" -> sample(size, this::isHead, byLoad); // the tenant
        case "werkinkomen" -> sample(size, i -> age(i) >= 18 && age(i) <= 66, byLoad);
        case "wijkteam" -> sample(size, i -> true, byLoad);
        case "regieteam" -> wholeHouseholds(size);
        case "veiligthuis" ->
            sample(size, i -> true, i -> byLoad.applyAsDouble(i) * (hasChild[householdOf[i]] ? 2.5 : 1.0));
        case "politie" ->
            sample(size, i -> age(i) >= 12, i -> byLoad.applyAsDouble(i) * (age(i) <= 30 ? 1.5 : 1.0));
        case "om" ->
            sample(size, i -> age(i) >= 18, i -> byLoad.applyAsDouble(i) * (earlier.get("politie").get(i) ? 4 : 1));
        case "reclassering" ->
            sample(size, i -> age(i) >= 18, i -> byLoad.applyAsDouble(i) * (earlier.get("om").get(i) ? 8 : 1));
        default -> throw new IllegalStateException("no drawing rule for " + agency.code());
      };
    }

    int age(int resident) {
      return residents.get(resident).age();
    }

    boolean isHead(int resident) {
      return resident == 0 || householdOf[resident - 1] != householdOf[resident];
    }

    /**
     * Weighted sampling without replacement (Efraimidis-Spirakis): each candidate gets the key
     * Exp(1)/weight and the {@code size} smallest keys win.
     */
    BitSet sample(int size, IntPredicate eligible, IntToDoubleFunction weight) {
      long[] keyed = new long[residents.size()];
      int n = 0;
      for (int i = 0; i < residents.size(); i++) {
        double u = random.nextDouble();
        if (!eligible.test(i)) {
          continue;
        }
        double w = weight.applyAsDouble(i);
        float key = (float) (-Math.log1p(-u) / w);
        keyed[n++] = ((long) Float.floatToIntBits(key) << 32) | i;
      }
      Arrays.sort(keyed, 0, n);
      BitSet chosen = new BitSet(residents.size());
      for (int k = 0; k < Math.min(size, n); k++) {
        chosen.set((int) keyed[k]);
      }
      return chosen;
    }

    /** Regieteam: whole households of two or more, weighted by load squared, until the size. */
    BitSet wholeHouseholds(int size) {
      long[] keyed = new long[households.size()];
      int n = 0;
      for (int h = 0; h < households.size(); h++) {
        double u = random.nextDouble();
        if (households.get(h).members().size() < 2) {
          continue;
        }
        float key = (float) (-Math.log1p(-u) / (load[h] * load[h]));
        keyed[n++] = ((long) Float.floatToIntBits(key) << 32) | h;
      }
      Arrays.sort(keyed, 0, n);
      BitSet chosen = new BitSet(residents.size());
      int[] firstResident = firstResidentOfHousehold();
      for (int k = 0; k < n && chosen.cardinality() < size; k++) {
        int h = (int) keyed[k];
        int first = firstResident[h];
        for (int m = 0; m < households.get(h).members().size(); m++) {
          chosen.set(first + m);
        }
      }
      return chosen;
    }

    int[] firstResidentOfHousehold() {
      int[] first = new int[households.size()];
      Arrays.fill(first, -1);
      for (int i = householdOf.length - 1; i >= 0; i--) {
        first[householdOf[i]] = i;
      }
      return first;
    }

    List<Case> cases(String prefix, int[] chosenResidents) {
      // Shuffle deterministically so refs do not follow resident order.
      for (int i = chosenResidents.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = chosenResidents[i];
        chosenResidents[i] = chosenResidents[j];
        chosenResidents[j] = t;
      }
      List<Case> out = new ArrayList<>(chosenResidents.length);
      for (int k = 0; k < chosenResidents.length; k++) {
        out.add(
            new Case(
                residents.get(chosenResidents[k]),
                today.plusDays(30 + random.nextInt(336)),
                prefix + "-" + sixDigits(k + 1)));
      }
      return List.copyOf(out);
    }

    /** About 145 of the 3×145 highest-load households, weighted by load; highest load first. */
    void drawScreeningList() {
      int size = Math.min(scaled(SCREENING_HOUSEHOLDS), households.size());
      Integer[] byLoad = new Integer[households.size()];
      for (int h = 0; h < byLoad.length; h++) {
        byLoad[h] = h;
      }
      Arrays.sort(byLoad, (a, b) -> Double.compare(load[b], load[a]));
      int candidates = Math.min(households.size(), 3 * size);
      long[] keyed = new long[candidates];
      for (int c = 0; c < candidates; c++) {
        int h = byLoad[c];
        float key = (float) (-Math.log1p(-random.nextDouble()) / load[h]);
        keyed[c] = ((long) Float.floatToIntBits(key) << 32) | h;
      }
      Arrays.sort(keyed);
      List<Integer> picked = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        picked.add((int) keyed[k]);
      }
      picked.sort((a, b) -> Double.compare(load[b], load[a]));
      int[] firstResident = firstResidentOfHousehold();
      int ref = 0;
      for (int h : picked) {
        Household household = households.get(h);
        // The list names the members known to most agencies: at most three, those known to two
        // or more, and at least the one known to most.
        int first = firstResident[h];
        int memberCount = household.members().size();
        List<Integer> byKnown = new ArrayList<>();
        for (int m = 0; m < memberCount; m++) {
          byKnown.add(m);
        }
        byKnown.sort((a, b) -> Integer.compare(registrations[first + b], registrations[first + a]));
        BitSet listedMembers = new BitSet(memberCount);
        for (int k = 0; k < Math.min(3, memberCount); k++) {
          int m = byKnown.get(k);
          if (k == 0 || registrations[first + m] >= 2) {
            listedMembers.set(m);
          }
        }
        List<Resident> listed = listedMembers.stream().mapToObj(household.members()::get).toList();
        screening.add(new ScreeningHousehold(household, listed));
        for (Resident r : listed) {
          coordinatorCases.add(
              new Case(r, today.plusDays(30 + random.nextInt(336)), "VH-" + sixDigits(++ref)));
        }
      }
    }
  }
}
