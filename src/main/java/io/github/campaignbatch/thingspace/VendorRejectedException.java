package io.github.campaignbatch.thingspace;

/**
 * The vendor answered with a 4xx (other than the rate limit and the authentication answers the client
 * handles itself): the request was certainly not carried out, and sending it again unchanged will fail
 * the same way. For a schedule call this means the campaign was not created.
 * <p>
 * {@link #errorCode()} and {@link #errorMessage()} are the vendor's, verbatim; when the body was not the
 * vendor's JSON error shape, the code is {@code null} and the message a short excerpt of the body.
 */
public class VendorRejectedException extends ThingSpaceException {

	private final int httpStatus;
	private final String errorCode;
	private final String errorMessage;

	public VendorRejectedException(int httpStatus, String errorCode, String errorMessage) {
		this("ThingSpace request", httpStatus, errorCode, errorMessage);
	}

	/**
	 * @param operation what was asked, like {@code POST /api/fota/v2/campaigns/files/acc}, for the message
	 */
	public VendorRejectedException(String operation, int httpStatus, String errorCode, String errorMessage) {
		super(operation + " rejected by ThingSpace: HTTP " + httpStatus
				+ (errorCode == null ? "" : " " + errorCode)
				+ (errorMessage == null || errorMessage.isEmpty() ? "" : ": " + errorMessage));
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
		this.errorMessage = errorMessage;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	/** The vendor's {@code errorCode}, verbatim, or {@code null} if the body did not carry one. */
	public String errorCode() {
		return this.errorCode;
	}

	/** The vendor's {@code errorMessage}, verbatim, or a short excerpt of a body of another shape. */
	public String errorMessage() {
		return this.errorMessage;
	}
}
