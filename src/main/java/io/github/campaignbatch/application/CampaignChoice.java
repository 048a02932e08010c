package io.github.campaignbatch.application;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.campaignbatch.tracking.TrackedCampaign;

/**
 * What {@code cancel} and {@code amend} share: the campaigns an operator named with {@code --campaign}, and the
 * {@code yes} that confirms sending.
 */
public final class CampaignChoice {

	private CampaignChoice() {
	}

	/**
	 * The scheduled campaigns named (by name or ThingSpace id), in the execution's order; every one of them when none
	 * is named.
	 * @throws UsageException naming a campaign the execution has not scheduled
	 */
	public static List<TrackedCampaign> select(long executionId, List<TrackedCampaign> scheduled, List<String> named) {
		return select(executionId, scheduled, named, Set.of());
	}

	/**
	 * @param notSelectable names of the execution's campaigns that are named rightly but cannot be selected (in
	 * doubt: no vendor id yet); the caller says why, so naming one is no usage error
	 */
	public static List<TrackedCampaign> select(long executionId, List<TrackedCampaign> scheduled, List<String> named,
			Set<String> notSelectable) {
		if (named.isEmpty()) {
			return scheduled;
		}
		Set<String> wanted = new LinkedHashSet<>(named);
		List<TrackedCampaign> selected = new ArrayList<>();
		for (TrackedCampaign campaign : scheduled) {
			if (wanted.contains(campaign.name()) || wanted.contains(campaign.remoteId())) {
				selected.add(campaign);
			}
		}
		for (String name : wanted) {
			if (selected.stream().noneMatch(campaign -> name.equals(campaign.name()) || name.equals(campaign.remoteId()))
					&& !notSelectable.contains(name)) {
				throw new UsageException("execution " + executionId + " has no scheduled campaign named or with id '"
						+ name + "' (see its report)");
			}
		}
		return selected;
	}

	/**
	 * Asks {@code question} and reads the answer from standard input; no input at all is a refusal, not a yes.
	 * @throws UsageException when standard input is closed: the command needs {@code --yes} then
	 */
	public static boolean confirmed(PrintWriter out, String question, String command) {
		out.print(question + " Type yes to confirm: ");
		out.flush();
		String answer;
		try {
			answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (answer == null) {
			out.println();
			throw new UsageException(command + " needs a confirmation and standard input is closed: pass --yes");
		}
		return answer.strip().toLowerCase(Locale.ROOT).equals("yes");
	}
}
