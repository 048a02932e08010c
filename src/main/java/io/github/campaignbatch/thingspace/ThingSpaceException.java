package io.github.campaignbatch.thingspace;

/**
 * Base of every failure the ThingSpace client reports. Subclasses say what the caller may conclude about
 * the request; an instance of this class itself means the vendor answered something the client cannot
 * read (an unexpected body on a read-only call).
 * <p>
 * Messages never contain a credential or token: they are meant to be logged and shown to the operator.
 */
public class ThingSpaceException extends RuntimeException {

	public ThingSpaceException(String message) {
		super(message);
	}

	public ThingSpaceException(String message, Throwable cause) {
		super(message, cause);
	}
}
