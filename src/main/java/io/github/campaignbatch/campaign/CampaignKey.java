package io.github.campaignbatch.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a campaign within one input: account + fileName + fileVersion + campaign name, hashed to
 * one fixed-width column so the database groups and joins on a single indexed value.
 */
public final class CampaignKey {

	private CampaignKey() {
	}

	public static String of(String account, String fileName, String fileVersion, String campaignName) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : new String[] { account, fileName, fileVersion, campaignName }) {
				digest.update(part.getBytes(StandardCharsets.UTF_8));
				// A separator that cannot occur in cell text keeps ("ab","c") and ("a","bc") apart.
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}
}
