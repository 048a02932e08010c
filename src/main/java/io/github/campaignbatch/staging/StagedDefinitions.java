package io.github.campaignbatch.staging;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.github.campaignbatch.campaign.Schedule;
import io.github.campaignbatch.validation.DeviceEntry;

/**
 * Numbers the distinct campaign definitions of an input as they are staged, so that each is stored once and a
 * device row carries only its number. The map is bounded: past {@link #MAX_REMEMBERED} distinct definitions it
 * starts again, and a definition seen again after that is stored a second time under a new number. Nothing
 * depends on a definition being stored once (grouping compares campaign keys and schedule signatures, not
 * numbers): it only keeps the store small for every realistic input without letting a pathological one (every
 * row its own campaign) fill the heap.
 */
final class StagedDefinitions {

	static final int MAX_REMEMBERED = 50_000;

	/** What a device row shares with the other rows of its campaign: every column but the IMEI and the outcome. */
	record Definition(String account, String campaignName, String fileName, String fileVersion, Schedule schedule,
			String campaignKey) {

		static Definition of(DeviceEntry entry) {
			return new Definition(entry.account(), entry.campaignName(), entry.fileName(), entry.fileVersion(),
					entry.schedule(), entry.campaignKey());
		}
	}

	private final Map<Definition, Integer> ids = new HashMap<>();

	private int next;

	StagedDefinitions(int firstId) {
		this.next = firstId;
	}

	/** The definition's number; {@code created} is called with a new one the first time it is seen. */
	int idOf(Definition definition, NewDefinition created) throws java.sql.SQLException {
		Integer id = this.ids.get(Objects.requireNonNull(definition));
		if (id != null) {
			return id;
		}
		if (this.ids.size() >= MAX_REMEMBERED) {
			this.ids.clear();
		}
		int assigned = this.next++;
		this.ids.put(definition, assigned);
		created.accept(assigned, definition);
		return assigned;
	}

	@FunctionalInterface
	interface NewDefinition {

		void accept(int id, Definition definition) throws java.sql.SQLException;
	}
}
