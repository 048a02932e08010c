package io.github.campaignbatch.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;
import io.github.campaignbatch.thingspace.ThingSpacePropertiesBuilder;

/**
 * {@code make bench} / {@code make bench-quick}: generates the inputs under {@code target/bench/} (seeded, kept
 * between runs), runs every case in a child JVM, polls its peak RSS ({@code VmHWM}) and reads its heap from a GC
 * log, then prints the table and writes it to {@code BENCHMARKS.md} (full run) or {@code target/bench/results-quick.md}.
 * <p>
 * Arguments: {@code full|quick} [{@code --jfr}] (a JFR recording of each job case under target/bench/jfr).
 */
public final class BenchMain {

	static final Path ROOT = Path.of("target", "bench");

	/** The jar the job cases run: {@code -Dbench.jar} to measure another build (e.g. a before/after comparison). */
	static final Path JAR = Path.of(System.getProperty("bench.jar", Path.of("target", "campaign-batch.jar").toString()));

	static final String HEAP = "-Xmx256m";

	/** The Python that runs the peer: {@code -Dbench.python} (the Makefile's {@code PYTHON}), else python3. */
	static final String PYTHON = System.getProperty("bench.python", "python3");

	static final Path PEER_SCRIPT = Path.of("bench", "peer_validate.py");

	static final String PEER_CSV = "csv pandas peer (read+validate+group+write)";

	static final String PEER_XLSX = "xlsx pandas+openpyxl peer";

	static final String BEGIN = "<!-- bench-results:begin -->";

	static final String END = "<!-- bench-results:end -->";

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

	private static final String STEP_LOG = "-Dlogging.level.org.springframework.batch.core.step.AbstractStep=INFO";

	private static final Pattern STEP_LINE = Pattern.compile("Step: \\[(\\w+)\\] executed in (\\S+)");

	/**
	 * The lossy submission case's visibility horizon: every lost answer there belongs to a created campaign, found by
	 * the first history read after the loss; the horizon only bounds the wait should one not show.
	 */
	private static final String LOSSY_HORIZON = "30s";

	/** How long a simulated campaign of the tracking case runs once scheduled. */
	private static final Duration TRACKED_CAMPAIGN_DURATION = Duration.ofSeconds(3);

	/** The tracking case's client rate: the simulator sets no limit, so the API time is the simulator's answers. */
	private static final String TRACKING_RATE = "1000";

	/** The line {@code track} logs after its reads and writes, before the report. */
	private static final Pattern TRACKED = Pattern.compile("device status row\\(s\\) written in (\\d+) ms");

	private static final Pattern EXIT_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

	private final List<Result> results = new ArrayList<>();

	/** Share of the allowed request rate the plain submission case reached (first to last create), or null. */
	private Double submissionShare;

	/** Share of the allowed request rate the lossy submission case reached (creates over the submit step), or null. */
	private Double lossyShare;

	/** The lossy case's share from its first POST answer to the end of its submit step (no fixed start-up), or null. */
	private Double lossySendingShare;

	/** Campaigns the lossy case saw created more than once, or null. */
	private Long lossyDuplicates;

	/** The tracking case's figures for the targets table, and whether every device was stored and reported. */
	private String trackingFigures;

	private boolean trackingComplete;

	private final boolean jfr;

	private String[] args = {};

	private BenchMain(boolean jfr) {
		this.jfr = jfr;
	}

	record Measure(Duration wall, long peakRssKb, long peakHeapKb, long peakLiveKb, int exit, String output) {
	}

	record Result(String name, long rows, Measure measure, String baseline, String note) {
		double rowsPerSecond() {
			return this.rows / (this.measure.wall.toNanos() / 1e9);
		}
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("sst")) {
			// not part of make bench (time): a workbook as Excel saves a Text-formatted IMEI column
			BenchMain bench = new BenchMain(false);
			Path xlsx = BenchData.xlsx(ROOT.resolve("input"), 1_048_575, 1000, true);
			Result bare = bench.bare("xlsx (shared strings) bare fastexcel-reader read", BareXlsxRead.class, xlsx, 1_048_575);
			bench.job("xlsx (shared strings) validate (load+group+report)", xlsx, 1_048_575, bare);
			System.out.println(bench.table());
			return;
		}
		if (args.length > 0 && args[0].equals("lossy")) {
			// only the throughput-under-faults case (also part of make bench and make bench-quick)
			BenchMain bench = new BenchMain(false);
			bench.submissionLosingAnswers(200);
			System.out.println(bench.table() + "\n" + bench.targets());
			return;
		}
		if (args.length > 0 && args[0].equals("track")) {
			// only the tracking case (issue 14; also part of make bench, not of make bench-quick: it takes over 30 s)
			BenchMain bench = new BenchMain(false);
			bench.tracking(100_000, 5);
			System.out.println(bench.table() + "\n" + bench.targets());
			return;
		}
		if (args.length > 0 && args[0].equals("csv")) {
			requirePandas();
			BenchMain bench = new BenchMain(List.of(args).contains("--jfr"));
			bench.args = args;
			Instant started = Instant.now();
			String tables = bench.csvTargets();
			String text = "Run " + DateTimeFormatter.ISO_INSTANT.format(started.atOffset(ZoneOffset.UTC).withNano(0).toInstant())
					+ " (BenchMain csv, " + Duration.between(started, Instant.now()).toSeconds() + " s) on " + machine()
					+ "\n\n" + tables;
			System.out.println();
			System.out.println(text);
			Files.writeString(ROOT.resolve("results-csv.md"), text);
			return;
		}
		boolean quick = args.length > 0 && args[0].equals("quick");
		requirePandas();
		boolean jfr = List.of(args).contains("--jfr");
		BenchMain bench = new BenchMain(jfr);
		bench.args = args;
		Instant started = Instant.now();
		String table = quick ? bench.quick() : bench.full();
		String text = "Run " + DateTimeFormatter.ISO_INSTANT.format(started.atOffset(ZoneOffset.UTC).withNano(0).toInstant())
				+ " (" + (quick ? "make bench-quick" : "make bench") + ", " + Duration.between(started, Instant.now()).toSeconds()
				+ " s in all, input generation included) on " + machine() + "\n\n" + table;
		System.out.println();
		System.out.println(text);
		Files.writeString(ROOT.resolve(quick ? "results-quick.md" : "results.md"), text);
		if (!quick) {
			writeIntoBenchmarksMd(text);
		}
	}

	private String quick() throws Exception {
		long rows = 100_000;
		Path csv = generate("csv", rows, 1000);
		Path xlsx = generate("xlsx", rows, 1000);
		Result csvBare = bare("csv bare opencsv read", BareCsvRead.class, csv, rows);
		job("csv validate (load+group+report)", csv, rows, csvBare);
		peer(csv, rows, csvBare);
		Result xlsxBare = bare("xlsx bare fastexcel-reader read", BareXlsxRead.class, xlsx, rows);
		job("xlsx validate (load+group+report)", xlsx, rows, xlsxBare);
		smallFile(1);
		submission(200);
		submissionLosingAnswers(200);
		return table() + "\n" + targets();
	}

	/** The CSV cases of issue 13's targets only (1M, 100k and 10M rows): {@code BenchMain csv}. */
	private String csvTargets() throws Exception {
		Path csv = generate("csv", 1_000_000, 1000);
		Path csvSmall = generate("csv", 100_000, 1000);
		Result csvBare = bare("csv bare opencsv read", BareCsvRead.class, csv, 1_000_000);
		job("csv validate (load+group+report)", csv, 1_000_000, csvBare);
		peer(csv, 1_000_000, csvBare);
		loadStepProfile(csv, 1_000_000);
		Result csvBareSmall = bare("csv bare opencsv read", BareCsvRead.class, csvSmall, 100_000);
		job("csv validate (load+group+report)", csvSmall, 100_000, csvBareSmall);
		if (!List.of(this.args).contains("--no-10m")) {
			Path csvLarge = generate("csv", 10_000_000, 1000);
			Result csvBareLarge = bare("csv bare opencsv read", BareCsvRead.class, csvLarge, 10_000_000);
			job("csv validate (load+group+report)", csvLarge, 10_000_000, csvBareLarge);
		}
		return table() + "\n" + targets();
	}

	/** Issue 13's targets, each a ratio within this run: met, or missed and by how much. */
	String targets() {
		StringBuilder out = new StringBuilder("| target | this run | status |\n| --- | --- | --- |\n");
		Result bare1m = find("csv bare opencsv read", 1_000_000);
		Result job1m = find("csv validate (load+group+report)", 1_000_000);
		Result job100k = find("csv validate (load+group+report)", 100_000);
		Result job10m = find("csv validate (load+group+report)", 10_000_000);
		if (bare1m != null && job1m != null) {
			double ratio = seconds(job1m) / seconds(bare1m);
			out.append(row("1M-row CSV validate <= 8x bare opencsv read", String.format(Locale.ROOT, "%.1f s / %.1f s = %.1fx; %s",
					seconds(job1m), seconds(bare1m), ratio, profile(job1m)), ratio <= 8, ratio / 8));
		}
		if (job1m != null && job10m != null) {
			double ratio = seconds(job10m) / seconds(job1m);
			out.append(row("10M-row CSV validate completes in -Xmx256m, time <= 12x the 1M-row time",
					String.format(Locale.ROOT, "exit %d, %.1f s / %.1f s = %.1fx, peak RSS %,d MB", job10m.measure().exit(),
							seconds(job10m), seconds(job1m), ratio, job10m.measure().peakRssKb() / 1024),
					job10m.measure().exit() == 0 && ratio <= 12, ratio / 12));
		}
		for (Result job : this.results.stream().filter(r -> r.name().equals("csv validate (load+group+report)")).toList()) {
			Result peer = find(PEER_CSV, job.rows());
			if (peer != null && peer.measure().exit() == 0) {
				double ratio = seconds(job) / seconds(peer);
				out.append(row(String.format(Locale.ROOT, "%,d-row CSV validate <= half the pandas peer%s", job.rows(),
						job.rows() == 1_000_000 ? "" : " (indicative: the target is at 1M rows)"),
						String.format(Locale.ROOT, "%.1f s / %.1f s = %.2fx; peer %s", seconds(job), seconds(peer), ratio,
								peer.note()), ratio <= 0.5, ratio / 0.5));
			}
		}
		if (job1m != null) {
			for (String step : List.of("group", "report")) {
				double s = stepSeconds(job1m.measure().output(), step);
				if (!Double.isNaN(s)) {
					out.append(row("1M-row CSV validate: the " + step + " step <= 1 s", String.format(Locale.ROOT, "%.1f s", s),
							s <= 1, s));
				}
			}
		}
		Result bareXlsx = find("xlsx (shared strings) bare fastexcel-reader read", 1_048_575);
		Result jobXlsx = find("xlsx (shared strings) validate (load+group+report)", 1_048_575);
		if (bareXlsx != null && jobXlsx != null) {
			double ratio = seconds(jobXlsx) / seconds(bareXlsx);
			out.append(row("1,048,575-row XLSX (shared strings) validate <= 3x bare fastexcel-reader read",
					String.format(Locale.ROOT, "%.1f s / %.1f s = %.1fx; %s", seconds(jobXlsx), seconds(bareXlsx), ratio,
							profile(jobXlsx)), ratio <= 3, ratio / 3));
		}
		for (String how : List.of("plain jar", "CDS archive")) {
			Result help = find("small file: --help (" + how + ")", 0);
			Result validate = find("small file: validate 13 devices (" + how + ")", 13);
			if (help != null && validate != null) {
				double ratio = seconds(validate) / seconds(help);
				out.append(row("small file: validate of the 13-row sample <= 2x --help (" + how + ")",
						String.format(Locale.ROOT, "%.2f s / %.2f s = %.1fx (medians)", seconds(validate), seconds(help), ratio),
						ratio <= 2, ratio / 2));
			}
		}
		if (this.submissionShare != null) {
			out.append(row("submission >= 90% of the allowed rate", String.format(Locale.ROOT, "%.0f%% of 20 requests/s",
					this.submissionShare * 100), this.submissionShare >= 0.9, 0.9 / this.submissionShare));
		}
		if (this.lossyShare != null) {
			out.append(row("issue 11: throughput under faults >= 75% of the allowed rate, no duplicate",
					String.format(Locale.ROOT, "%.0f%% of 20 requests/s over the whole submit step (%.0f%% from its first"
							+ " POST answer to its end), %d duplicated", this.lossyShare * 100, this.lossySendingShare * 100,
							this.lossyDuplicates), this.lossyShare >= 0.75 && this.lossyDuplicates == 0,
					0.75 / this.lossyShare));
		}
		if (this.trackingFigures != null) {
			out.append(row("issue 14: tracking 100,000 devices stores and reports every device's status (time over the"
					+ " API time of the same reads)", this.trackingFigures, this.trackingComplete, 1));
		}
		if (job100k != null && job1m != null) {
			double ratio = job1m.measure().peakHeapKb() / (double) job100k.measure().peakHeapKb();
			out.append(row("peak heap for 100k and 1M rows within 20%", String.format(Locale.ROOT, "%,d MB vs %,d MB (%+.0f%%)",
					job100k.measure().peakHeapKb() / 1024, job1m.measure().peakHeapKb() / 1024, (ratio - 1) * 100),
					Math.abs(ratio - 1) <= 0.2, Math.abs(ratio - 1) / 0.2));
		}
		return out.toString();
	}

	/**
	 * Where a job case's wall time went: each step as Spring Batch timed it, and the rest of the process (JVM and
	 * Spring start, Flyway, the input's SHA-256 pass, the staging engine's start, shutdown).
	 */
	private static String profile(Result job) {
		double steps = 0;
		StringBuilder parts = new StringBuilder();
		for (String step : List.of("load", "group", "report")) {
			double s = stepSeconds(job.measure().output(), step);
			if (!Double.isNaN(s)) {
				steps += s;
				parts.append(String.format(Locale.ROOT, "%s %.1f s, ", step, s));
			}
		}
		return parts.length() == 0 ? "step times not logged"
				: String.format(Locale.ROOT, "%soutside the steps %.1f s", parts, seconds(job) - steps);
	}

	private static String row(String target, String figures, boolean met, double overBy) {
		return "| " + target + " | " + figures + " | " + (met ? "MET"
				: String.format(Locale.ROOT, "**NOT MET** (%.1fx the allowed)", overBy)) + " |\n";
	}

	private Result find(String name, long rows) {
		return this.results.stream().filter(r -> r.name().equals(name) && r.rows() == rows).findFirst().orElse(null);
	}

	private static double seconds(Result result) {
		return result.measure().wall().toNanos() / 1e9;
	}

	private String full() throws Exception {
		long rows = 1_000_000;
		long xlsxRows = 1_048_575;
		Path csv = generate("csv", rows, 1000);
		Path csvSmall = generate("csv", 100_000, 1000);
		// as Excel saves a sheet: text in the shared-strings table, the IMEI column as Text
		Path xlsx = BenchData.xlsx(ROOT.resolve("input"), xlsxRows, 1000, true);
		Path xlsxSmall = generate("xlsx", 100_000, 1000);
		Result csvBare = bare("csv bare opencsv read", BareCsvRead.class, csv, rows);
		job("csv validate (load+group+report)", csv, rows, csvBare);
		peer(csv, rows, csvBare);
		loadStepProfile(csv, rows);
		Result csvBareSmall = bare("csv bare opencsv read", BareCsvRead.class, csvSmall, 100_000);
		job("csv validate (load+group+report)", csvSmall, 100_000, csvBareSmall);
		Result xlsxBare = bare("xlsx (shared strings) bare fastexcel-reader read", BareXlsxRead.class, xlsx, xlsxRows);
		job("xlsx (shared strings) validate (load+group+report)", xlsx, xlsxRows, xlsxBare);
		// openpyxl reads about 25,000 cells a second: the full-size workbook takes it many minutes, so by default the
		// peer reads the 100,000-row one (information only: no target compares with it)
		if (List.of(this.args).contains("--xlsx-peer")) {
			peer(xlsx, xlsxRows, xlsxBare);
		}
		else {
			peer(xlsxSmall, 100_000, null);
		}
		xssf(xlsxSmall, 100_000, xlsxRows);
		smallFile(5);
		Path csvLarge = generate("csv", 10_000_000, 1000);
		Result csvBareLarge = bare("csv bare opencsv read", BareCsvRead.class, csvLarge, 10_000_000);
		job("csv validate (load+group+report)", csvLarge, 10_000_000, csvBareLarge);
		submission(1000);
		submissionLosingAnswers(200);
		tracking(100_000, 5);
		return table() + "\n" + targets();
	}

	private static Path generate(String format, long rows, int campaigns) throws IOException {
		Instant start = Instant.now();
		Path file = format.equals("csv") ? BenchData.csv(ROOT.resolve("input"), rows, campaigns)
				: BenchData.xlsx(ROOT.resolve("input"), rows, campaigns);
		System.out.printf(Locale.ROOT, "input %s (%,d bytes) ready in %d ms%n", file, Files.size(file),
				Duration.between(start, Instant.now()).toMillis());
		return file;
	}

	private Result bare(String name, Class<?> main, Path input, long rows) throws Exception {
		Measure measure = runJava(name, List.of(HEAP, "-cp", System.getProperty("java.class.path"), main.getName(),
				input.toString()), Map.of());
		return add(new Result(name, rows, measure, null, "-Xmx256m"));
	}

	/**
	 * The pandas peer of issue 24 ({@code bench/peer_validate.py}): what a user would write instead of the job, read,
	 * validate, group and write an ordered results CSV. XLSX through openpyxl, skipped with a note when it is missing.
	 */
	private void peer(Path input, long rows, Result bareRead) throws Exception {
		boolean xlsx = input.toString().endsWith(".xlsx");
		String name = xlsx ? PEER_XLSX : PEER_CSV;
		if (xlsx && !pythonImports("openpyxl")) {
			System.out.println("skipping " + name + ": " + PYTHON + " has no openpyxl (Debian: apt-get install python3-openpyxl)");
			return;
		}
		Files.createDirectories(ROOT.resolve("out"));
		List<String> command = List.of(PYTHON, "-W", "ignore", PEER_SCRIPT.toString(), input.toString(),
				ROOT.resolve("out").resolve(input.getFileName().toString().replace('.', '-') + "-peer-report.csv").toString(),
				"--account", "bench-account", "--today", "2026-12-01");
		Measure measure = runProcess(name, command, Map.of(), null);
		Matcher parts = Pattern.compile("peer: (.*)").matcher(measure.output());
		add(new Result(name, rows, measure, bareRead == null ? null : bareRead.name + " " + fmtRows(bareRead.rows),
				parts.find() ? parts.group(1)
				: "no figures (exit " + measure.exit() + ")"));
	}

	/** {@code make bench} fails at once, with what to install, when the peer cannot run: not after minutes of cases. */
	private static void requirePandas() throws Exception {
		if (!pythonImports("pandas")) {
			System.err.println("make bench needs " + PYTHON + " with pandas for the peer case of issue 24"
					+ " (Debian: apt-get install python3-pandas python3-openpyxl; the Makefile's PYTHON names the interpreter)");
			System.exit(2);
		}
	}

	private static boolean pythonImports(String module) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException noPython) {
			return false;
		}
		if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return false;
		}
		return process.exitValue() == 0;
	}

	/** The load step in parts, by CPU time ({@link io.github.campaignbatch.staging.LoadStepProfile}). */
	private void loadStepProfile(Path input, long rows) throws Exception {
		String name = "load step parts (CPU time)";
		Measure measure = runJava(name, List.of(HEAP, "-cp", System.getProperty("java.class.path"),
				io.github.campaignbatch.staging.LoadStepProfile.class.getName(), input.toString()), Map.of());
		Matcher parts = Pattern.compile("load step parts.*").matcher(measure.output());
		add(new Result(name, rows, measure, null, parts.find() ? parts.group() : "no figures (exit " + measure.exit() + ")"));
	}

	private Result job(String name, Path input, long rows, Result baseline) throws Exception {
		String id = input.getFileName().toString().replace('.', '-');
		Path db = ROOT.resolve("db").resolve(id);
		deleteTree(db);
		// Spring Batch's own "Step: [load] executed in ..." lines give the time of each step
		List<String> command = new ArrayList<>(List.of(HEAP, STEP_LOG));
		if (this.jfr) {
			Files.createDirectories(ROOT.resolve("jfr"));
			command.add("-XX:StartFlightRecording=filename=" + ROOT.resolve("jfr").resolve(id + ".jfr") + ",settings=profile");
		}
		command.addAll(List.of("-jar", JAR.toString(), "validate", "--input", input.toString(), "--account",
				"bench-account", "--today", "2026-12-01", "--report", ROOT.resolve("out").resolve(id + "-report.csv").toString()));
		Files.createDirectories(ROOT.resolve("out"));
		Measure measure = runJava(name, command, Map.of("CAMPAIGN_BATCH_DB_URL", h2Url(db), "CAMPAIGN_BATCH_DATA_DIR",
				db.toAbsolutePath().toString()));
		return add(new Result(name, rows, measure, baseline.name + " " + fmtRows(baseline.rows),
				"-Xmx256m, H2 job db, DuckDB staging; " + steps(measure.output)));
	}

	/**
	 * Start-up: {@code validate} of the 13-device sample against {@code --help} of the same jar, each the median of
	 * {@code runs} runs (a few hundred milliseconds of noise matter here). Run with
	 * the plain jar, and with the class-data-sharing archive that {@code make build} records when it is there.
	 */
	private void smallFile(int runs) throws Exception {
		Path sample = Path.of("input-samples", "clean-campaigns.csv");
		Path cdsJar = Path.of("target", "cds", "campaign-batch.jar");
		Path archive = Path.of("target", "cds", "campaign-batch.jsa");
		List<List<String>> launchers = new ArrayList<>();
		launchers.add(List.of("-jar", JAR.toString()));
		if (Files.exists(archive)) {
			launchers.add(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar",
					cdsJar.toString()));
		}
		for (List<String> launcher : launchers) {
			String how = launcher.size() > 2 ? "CDS archive" : "plain jar";
			List<String> help = new ArrayList<>(launcher);
			help.add("--help");
			Result helpResult = add(new Result("small file: --help (" + how + ")", 0,
					median("--help (" + how + ")", help, runs, false), null, "median of " + runs));
			List<String> validate = new ArrayList<>(launcher);
			validate.addAll(List.of("validate", "--input", sample.toString(), "--account", "bench-account", "--today",
					"2026-12-01", "--report", ROOT.resolve("out").resolve("small-report.csv").toString()));
			add(new Result("small file: validate 13 devices (" + how + ")", 13, median("validate (" + how + ")", validate,
					runs, true), helpResult.name + " " + fmtRows(helpResult.rows), "median of " + runs + ", H2 file db created by a first run"));
		}
	}

	/**
	 * The median run; with a database, on one H2 file database created by a first, unmeasured run, as an operator's
	 * database is after the first command (the schema in place, Flyway has nothing to do).
	 */
	private Measure median(String name, List<String> arguments, int runs, boolean database) throws Exception {
		List<Measure> measures = new ArrayList<>();
		Files.createDirectories(ROOT.resolve("out"));
		Path db = ROOT.resolve("db").resolve("small");
		deleteTree(db);
		Map<String, String> env = database ? Map.of("CAMPAIGN_BATCH_DB_URL", h2Url(db)) : Map.of();
		if (database) {
			runJava(name + ", creating the database", arguments, env);
		}
		for (int i = 0; i < runs; i++) {
			measures.add(runJava(name, arguments, env));
		}
		measures.sort(Comparator.comparing(Measure::wall));
		return measures.get(runs / 2);
	}

	private void xssf(Path input, long rows, long fullRows) throws Exception {
		String name = "xlsx XSSFWorkbook (in-memory POI), reference";
		Measure measure = runJava(name, List.of("-Xmx4g", "-cp", System.getProperty("java.class.path"),
				XssfWorkbookRead.class.getName(), input.toString()), Map.of());
		String note = measure.exit == 0
				? String.format(Locale.ROOT, "-Xmx4g; x%.1f rows -> about %,d MB heap / %,d MB RSS for %,d rows",
						fullRows / (double) rows, Math.round(measure.peakLiveKb / 1024.0 * fullRows / rows),
						Math.round(measure.peakRssKb / 1024.0 * fullRows / rows), fullRows)
				: "-Xmx4g: failed (exit " + measure.exit + ")";
		add(new Result(name, rows, measure, null, note));
	}

	private void submission(int campaigns) throws Exception {
		Path input = generate("csv", campaigns * 5L, campaigns);
		String name = "submit " + campaigns + " campaigns (simulator 50 ms, 20 req/s)";
		SimulatorOptions options = SimulatorOptions.defaults().withPort(0).withLatencyMs(50).withRateLimitPerSecond(20);
		try (SimulatorServer simulator = SimulatorServer.start(options)) {
			Path db = ROOT.resolve("db").resolve("submit-" + campaigns);
			deleteTree(db);
			Files.createDirectories(ROOT.resolve("out"));
			Measure measure = runJava(name, List.of(HEAP, STEP_LOG, "-Dthingspace.max-requests-per-second=20", "-jar",
					JAR.toString(), "run", "--input", input.toString(), "--account", "bench-account", "--today",
					"2026-12-01", "--report", ROOT.resolve("out").resolve("submit-report.csv").toString()),
					Map.of("CAMPAIGN_BATCH_DB_URL", h2Url(db), "CAMPAIGN_BATCH_DATA_DIR", db.toAbsolutePath().toString(),
							"THINGSPACE_BASE_URL", simulator.baseUrl().toString(),
							"THINGSPACE_CLIENT_ID", SimulatorOptions.DEFAULT_CLIENT_ID, "THINGSPACE_CLIENT_SECRET",
							SimulatorOptions.DEFAULT_CLIENT_SECRET, "THINGSPACE_USERNAME", SimulatorOptions.DEFAULT_USERNAME,
							"THINGSPACE_PASSWORD", SimulatorOptions.DEFAULT_PASSWORD));
			List<Instant> created = simulator.campaigns().stream().map(SimulatedCampaign::createdAt)
				.sorted(Comparator.naturalOrder()).toList();
			long tooMany = simulator.tooManyRequestsCount();
			String note;
			if (created.size() < 2) {
				note = "only " + created.size() + " campaigns created";
			}
			else {
				double seconds = Duration.between(created.get(0), created.get(created.size() - 1)).toNanos() / 1e9;
				double rate = (created.size() - 1) / seconds;
				note = String.format(Locale.ROOT,
						steps(measure.output) + "; %d created, %d schedule requests; first to last %.1f s = %.2f campaigns/s = %.0f%% of 20/s; %d x 429",
						created.size(), simulator.scheduleRequestCount(), seconds, rate, rate / 20 * 100, tooMany);
				this.submissionShare = rate / 20;
			}
			add(new Result(name, campaigns, measure, null, note));
		}
	}

	/**
	 * Throughput under faults (issue 11): the simulator loses 20% of create answers after creating the campaign, so
	 * those campaigns are in doubt until the vendor's history shows them. The rate counts the whole submit step, from
	 * its start (the look-up of a new input in the history, the token and the login included) to the end of the
	 * end-of-step wait for the campaigns in doubt, against the 20 requests/s the client is allowed.
	 */
	private void submissionLosingAnswers(int campaigns) throws Exception {
		Path input = generate("csv", campaigns * 5L, campaigns);
		String name = "submit " + campaigns + " campaigns, 20% of create answers lost (simulator 50 ms, 20 req/s)";
		SimulatorOptions options = SimulatorOptions.defaults().withPort(0).withLatencyMs(50).withRateLimitPerSecond(20);
		try (SimulatorServer simulator = SimulatorServer.start(options)) {
			simulator.loseCreateAnswers(0.2);
			Path db = ROOT.resolve("db").resolve("submit-lossy-" + campaigns);
			deleteTree(db);
			Files.createDirectories(ROOT.resolve("out"));
			Measure measure = runJava(name, List.of(HEAP, STEP_LOG, "-Dthingspace.max-requests-per-second=20",
					"-Dcampaign.submission.visibility-horizon=" + LOSSY_HORIZON, "-jar", JAR.toString(), "run", "--input",
					input.toString(), "--account", "bench-account", "--today", "2026-12-01", "--report",
					ROOT.resolve("out").resolve("submit-lossy-report.csv").toString()),
					Map.of("CAMPAIGN_BATCH_DB_URL", h2Url(db), "THINGSPACE_BASE_URL", simulator.baseUrl().toString(),
							"THINGSPACE_CLIENT_ID", SimulatorOptions.DEFAULT_CLIENT_ID, "THINGSPACE_CLIENT_SECRET",
							SimulatorOptions.DEFAULT_CLIENT_SECRET, "THINGSPACE_USERNAME", SimulatorOptions.DEFAULT_USERNAME,
							"THINGSPACE_PASSWORD", SimulatorOptions.DEFAULT_PASSWORD));
			// The child's own lines, with their times, say where the submit step's time went.
			Files.writeString(ROOT.resolve("out").resolve("submit-lossy-output.log"), measure.output);
			Map<String, Long> created = simulator.createdCountByCampaignName();
			long duplicates = created.values().stream().filter(count -> count > 1).count();
			// Spring Batch's "executed in" stops before the step's afterStep listeners, so it leaves out the end-of-step
			// wait for the campaigns in doubt: the whole step runs from its own start to the start of the next.
			double submitSeconds = secondsBetween(measure.output, "Executing step: [submit]", "Executing step: [report]");
			double rate = created.size() / submitSeconds;
			// The same without the step's fixed start-up (context, HTTP client, token, login, the look-up of a new input
			// in the history, pre-flight), which a run pays once whatever its size: from the first answer to a POST to
			// the end of the end-of-step wait.
			double sendingSeconds = secondsBetween(measure.output, "Scheduled campaign '", "Executing step: [report]");
			double sendingRate = created.size() / sendingSeconds;
			// Every FOTA request shares the client's 20/s with the POSTs: what is not a POST is mostly history pages.
			List<Long> arrivals = simulator.fotaRequestArrivals();
			int fotaRequests = arrivals.size();
			double fotaSpan = arrivals.isEmpty() ? Double.NaN
					: (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
			List<Instant> createdAt = simulator.campaigns().stream().map(SimulatedCampaign::createdAt)
				.sorted(Comparator.naturalOrder()).toList();
			double createSpan = createdAt.size() < 2 ? Double.NaN
					: Duration.between(createdAt.get(0), createdAt.get(createdAt.size() - 1)).toNanos() / 1e9;
			String note = String.format(Locale.ROOT,
					"%s; horizon %s; %d created (%d duplicated), %d schedule requests, %d answers lost; whole submit step"
							+ " (start-up of the client and end-of-step wait included) %.1f s = %.2f creates/s = %.0f%% of"
							+ " 20/s (target >= 75%%): %.1f s to the first campaign scheduled, then %.1f s = %.2f creates/s = %.0f%%"
							+ " of 20/s to the end of the step; first to last create %.1f s, end-of-step wait %.1f s; %d FOTA requests in all (%d besides the schedule requests) from"
							+ " first to last %.1f s, %d token and %d login requests; %d x 429",
					steps(measure.output), LOSSY_HORIZON, created.size(), duplicates, simulator.scheduleRequestCount(),
					simulator.lostCreateAnswerCount(), submitSeconds, rate, rate / 20 * 100,
					secondsBetween(measure.output, "Executing step: [submit]", "Scheduled campaign '"), sendingSeconds,
					sendingRate, sendingRate / 20 * 100, createSpan,
					secondsBetween(measure.output, "waiting for ThingSpace's history", "Executing step: [report]"),
					fotaRequests, fotaRequests - simulator.scheduleRequestCount(), fotaSpan, simulator.tokenCount(),
					simulator.loginCount(), simulator.tooManyRequestsCount());
			this.lossyShare = rate / 20;
			this.lossySendingShare = sendingRate / 20;
			this.lossyDuplicates = duplicates;
			add(new Result(name, campaigns, measure, null, note));
		}
	}

	/**
	 * Seconds between the first child log line containing {@code from} and the first after it containing {@code to},
	 * from their {@code HH:mm:ss.SSS} times; NaN when either is missing.
	 */
	static double secondsBetween(String output, String from, String to) {
		LocalTime start = null;
		for (String line : output.split("\n")) {
			if (line.length() < 12 || !line.substring(0, 12).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}")) {
				continue;
			}
			LocalTime time = LocalTime.parse(line.substring(0, 12));
			if (start == null && line.contains(from)) {
				start = time;
			}
			else if (start != null && line.contains(to)) {
				double seconds = Duration.between(start, time).toNanos() / 1e9;
				return seconds < 0 ? seconds + 24 * 3600 : seconds;
			}
		}
		return Double.NaN;
	}

	/**
	 * Tracking at bulk speed (issue 14): a run schedules {@code devices} devices in {@code campaigns} campaigns on
	 * the simulator, whose campaigns end a few seconds after their creation; once they have, {@code track} reads every
	 * campaign's status and device pages (1,000 devices a page), stores each device's status and rewrites the report.
	 * Its baseline is the API time of the same reads: a bare client in this JVM reading the same campaigns and pages
	 * from the same simulator (no rate limit, no latency, so what is measured is our side: JSON, storage, report).
	 * A second {@code track}, with nothing left to poll, shows the fixed cost (JVM start, context, report rewrite).
	 */
	private void tracking(int devices, int campaigns) throws Exception {
		Path input = generate("csv", devices, campaigns);
		String name = "track " + devices + " devices (" + campaigns + " input campaigns, simulator)";
		SimulatorOptions options = SimulatorOptions.defaults().withPort(0)
			.withStatusAdvanceAfter(Duration.ofSeconds(1))
			.withLifecycle(new SimulatorOptions.Lifecycle(TRACKED_CAMPAIGN_DURATION, 0.05, 0.02));
		try (SimulatorServer simulator = SimulatorServer.start(options)) {
			Path db = ROOT.resolve("db").resolve("track-" + devices);
			deleteTree(db);
			Files.createDirectories(ROOT.resolve("out"));
			Path report = ROOT.resolve("out").resolve("track-report.csv");
			Files.deleteIfExists(report);
			Map<String, String> env = Map.of("CAMPAIGN_BATCH_DB_URL", h2Url(db), "CAMPAIGN_BATCH_DATA_DIR",
					db.toAbsolutePath().toString(), "THINGSPACE_BASE_URL", simulator.baseUrl().toString(),
					"THINGSPACE_CLIENT_ID", SimulatorOptions.DEFAULT_CLIENT_ID, "THINGSPACE_CLIENT_SECRET",
					SimulatorOptions.DEFAULT_CLIENT_SECRET, "THINGSPACE_USERNAME", SimulatorOptions.DEFAULT_USERNAME,
					"THINGSPACE_PASSWORD", SimulatorOptions.DEFAULT_PASSWORD, "THINGSPACE_MAX_REQUESTS_PER_SECOND",
					TRACKING_RATE);
			Measure run = runJava("run of " + name, List.of(HEAP, "-jar", JAR.toString(), "run", "--input", input.toString(),
					"--account", "bench-account", "--today", "2026-12-01", "--report", report.toString()), env);
			if (run.exit() != 0) {
				add(new Result(name, devices, run, null, "the run failed (exit " + run.exit() + "), nothing tracked"));
				return;
			}
			// every campaign ended at the simulator: one track reads every final status
			Instant lastCreated = simulator.campaigns().stream().map(SimulatedCampaign::createdAt)
				.max(Comparator.naturalOrder()).orElseThrow();
			Instant ended = lastCreated.plusSeconds(1).plus(TRACKED_CAMPAIGN_DURATION).plusMillis(500);
			Thread.sleep(Math.max(0, Duration.between(Instant.now(), ended).toMillis()));

			Measure track = runJava(name, List.of(HEAP, "-jar", JAR.toString(), "track", "--execution", "1"), env);
			long stored = count(db, "SELECT COUNT(*) FROM device_vendor_status");
			long reported = reportedWithDeviceStatus(report);
			Measure again = runJava(name + ", again (nothing to poll)", List.of(HEAP, "-jar", JAR.toString(), "track",
					"--execution", "1"), env);
			Result api = add(new Result("bare API read of the same campaigns and device pages", devices,
					bareApiRead(simulator), null, "this JVM, a ThingSpaceClient at " + TRACKING_RATE + " requests/s"));
			double apiSeconds = api.measure().wall().toMillis() / 1000.0;
			Matcher polled = TRACKED.matcher(track.output());
			double polling = polled.find() ? Long.parseLong(polled.group(1)) / 1000.0 : Double.NaN;
			add(new Result(name, devices, track, api.name() + " " + fmtRows(api.rows()), String.format(Locale.ROOT,
					"-Xmx256m, H2 job db; exit %d (3: the simulator fails 5%% and rejects 2%% of devices); %,d device"
							+ " statuses stored, %,d report rows with a device status; reading and storing them (as the"
							+ " track logged it) %.1f s = %.1fx the API time; a second track with nothing to poll (JVM"
							+ " start, context, report rewrite) %.1f s; the run before it %.1f s",
					track.exit(), stored, reported, polling, polling / apiSeconds, again.wall().toMillis() / 1000.0,
					run.wall().toMillis() / 1000.0)));
			this.trackingComplete = stored == devices && reported == devices;
			this.trackingFigures = String.format(Locale.ROOT, "%,d stored, %,d reported of %,d; reading and storing"
					+ " %.1f s / API %.1f s = %.1fx; the whole track command %.1f s (a track with nothing to poll %.1f s)",
					stored, reported, devices, polling, apiSeconds, polling / apiSeconds, track.wall().toMillis() / 1000.0,
					again.wall().toMillis() / 1000.0);
		}
	}

	/** The reads {@code track} makes, by a bare client: each campaign's status, then all its device pages. */
	private static Measure bareApiRead(SimulatorServer simulator) {
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().baseUrl(simulator.baseUrl().toString())
			.clientId(SimulatorOptions.DEFAULT_CLIENT_ID)
			.clientSecret(SimulatorOptions.DEFAULT_CLIENT_SECRET)
			.username(SimulatorOptions.DEFAULT_USERNAME)
			.password(SimulatorOptions.DEFAULT_PASSWORD)
			.maxRequestsPerSecond(Double.parseDouble(TRACKING_RATE))
			.build();
		ThingSpaceClient client = new ThingSpaceClient(properties);
		// the token and session first, as track has them before its first read too
		client.getCampaign("bench-account", simulator.campaigns().get(0).id());
		long read = 0;
		Instant start = Instant.now();
		for (SimulatedCampaign campaign : simulator.campaigns()) {
			client.getCampaign("bench-account", campaign.id());
			read += client.deviceStatuses("bench-account", campaign.id()).size();
		}
		Duration wall = Duration.between(start, Instant.now());
		System.out.printf(Locale.ROOT, "bare API read: %,d device statuses in %d ms%n", read, wall.toMillis());
		return new Measure(wall, 0, 0, 0, 0, "");
	}

	private static long count(Path db, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(h2Url(db), "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Report rows whose {@code deviceStatus} column holds a status. */
	private static long reportedWithDeviceStatus(Path report) throws Exception {
		try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
				CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
			int column = List.of(csv.readNext()).indexOf("deviceStatus");
			long n = 0;
			for (String[] cells = csv.readNext(); cells != null; cells = csv.readNext()) {
				if (column >= 0 && column < cells.length && !cells[column].isEmpty()) {
					n++;
				}
			}
			return n;
		}
	}

	/** Seconds of one step as Spring Batch logged it ({@code 1m2s345ms}), or NaN when it was not logged. */
	static double stepSeconds(String output, String step) {
		Matcher m = STEP_LINE.matcher(output);
		while (m.find()) {
			if (m.group(1).equals(step)) {
				Matcher part = Pattern.compile("(\\d+)(ms|m|s|h)").matcher(m.group(2));
				double seconds = 0;
				while (part.find()) {
					double n = Double.parseDouble(part.group(1));
					seconds += switch (part.group(2)) {
						case "h" -> n * 3600;
						case "m" -> n * 60;
						case "s" -> n;
						default -> n / 1000;
					};
				}
				return seconds;
			}
		}
		return Double.NaN;
	}

	/** The steps' times as Spring Batch logged them, e.g. {@code load 6s262ms, group 5s701ms}. */
	static String steps(String output) {
		List<String> steps = new ArrayList<>();
		Matcher m = STEP_LINE.matcher(output);
		while (m.find()) {
			steps.add(m.group(1) + " " + m.group(2));
		}
		return steps.isEmpty() ? "step times not logged" : "steps: " + String.join(", ", steps);
	}

	private static String h2Url(Path db) {
		return "jdbc:h2:file:" + db.toAbsolutePath().resolve("campaign-batch")
				+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS";
	}

	private Result add(Result result) {
		this.results.add(result);
		Measure m = result.measure;
		System.out.printf(Locale.ROOT, "%-50s %,10d rows %8.1f s  peak heap %,6d MB  RSS %,6d MB  exit %d%n", result.name,
				result.rows, m.wall.toMillis() / 1000.0, m.peakHeapKb / 1024, m.peakRssKb / 1024, m.exit);
		if (m.exit != 0) {
			System.out.println(m.output);
		}
		return result;
	}

	private Measure runJava(String name, List<String> arguments, Map<String, String> env) throws Exception {
		Path gcLog = Files.createTempFile("bench-gc", ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xlog:gc,gc+heap+exit:file=" + gcLog);
		command.addAll(arguments);
		return runProcess(name, command, env, gcLog);
	}

	/** Runs a child process, polling its peak RSS; with a GC log ({@code gcLog} not null), reads its heap figures. */
	private Measure runProcess(String name, List<String> command, Map<String, String> env, Path gcLog) throws Exception {
		Path output = Files.createTempFile("bench-out", ".log");
		System.out.println("running " + name + ": " + String.join(" ", command.subList(1, command.size())).replaceAll("-cp \\S+", "-cp (bench classpath)"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().putAll(env);
		Instant start = Instant.now();
		Process process = builder.start();
		Path status = Path.of("/proc", Long.toString(process.pid()), "status");
		long peakRss = 0;
		while (process.isAlive()) {
			peakRss = Math.max(peakRss, hwm(status));
			Thread.sleep(50);
		}
		Duration wall = Duration.between(start, Instant.now());
		int exit = process.waitFor();
		long peakHeap = 0;
		long peakLive = 0;
		for (String line : gcLog == null ? List.<String>of() : Files.readAllLines(gcLog)) {
			Matcher m = GC_LINE.matcher(line);
			if (m.find()) {
				peakHeap = Math.max(peakHeap, kb(m.group(1), m.group(2)));
				peakLive = Math.max(peakLive, kb(m.group(3), m.group(4)));
			}
			Matcher exitUsed = EXIT_USED.matcher(line);
			if (exitUsed.find()) {
				peakHeap = Math.max(peakHeap, Long.parseLong(exitUsed.group(2)));
			}
		}
		String out = Files.readString(output, StandardCharsets.UTF_8);
		if (gcLog != null) {
			Files.deleteIfExists(gcLog);
		}
		Files.deleteIfExists(output);
		return new Measure(wall, peakRss, peakHeap, peakLive, exit, out.length() > 400_000 ? out.substring(out.length() - 400_000) : out);
	}

	private static long hwm(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException gone) {
			// the process ended between isAlive and the read
		}
		return 0;
	}

	private static long kb(String number, String unit) {
		long n = Long.parseLong(number);
		return switch (unit) {
			case "G" -> n * 1024 * 1024;
			case "M" -> n * 1024;
			default -> n;
		};
	}

	private String table() {
		StringBuilder out = new StringBuilder();
		out.append("| case | rows | wall time | rows/s | peak heap used (max heap after a GC) | peak RSS | ratio to bare read | exit | notes |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
		for (Result r : this.results) {
			String ratio = "";
			if (r.baseline != null) {
				Result base = this.results.stream().filter(b -> r.baseline.equals(b.name + " " + fmtRows(b.rows))).findFirst()
					.orElseThrow();
				ratio = String.format(Locale.ROOT, "%.2fx %s", r.measure.wall.toNanos() / (double) base.measure.wall.toNanos(),
						base.name);
			}
			out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,d MB (%,d MB) | %,d MB | %s | %d | %s |%n",
					r.name, r.rows, r.measure.wall.toMillis() / 1000.0, r.rowsPerSecond(), r.measure.peakHeapKb / 1024,
					r.measure.peakLiveKb / 1024, r.measure.peakRssKb / 1024, ratio, r.measure.exit, r.note));
		}
		return out.toString();
	}

	private static String fmtRows(long rows) {
		return Long.toString(rows);
	}

	private static String machine() {
		return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
				+ System.getProperty("os.arch");
	}

	private static void writeIntoBenchmarksMd(String text) throws IOException {
		Path file = Path.of("BENCHMARKS.md");
		String current = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
		int begin = current.indexOf(BEGIN);
		int end = current.indexOf(END);
		if (begin < 0 || end < begin) {
			current = current + "\n" + BEGIN + "\n" + END + "\n";
			begin = current.indexOf(BEGIN);
			end = current.indexOf(END);
		}
		Files.writeString(file, current.substring(0, begin + BEGIN.length()) + "\n" + text + current.substring(end));
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}
}
