package io.github.campaignbatch.input;

import java.util.List;
import java.util.Set;

/** A {@link RowSource} that changes how rows are handed out, and passes the rest to the source it wraps. */
abstract class ForwardingRowSource implements RowSource {

	protected final RowSource source;

	ForwardingRowSource(RowSource source) {
		this.source = source;
	}

	@Override
	public List<String> unknownColumns() {
		return this.source.unknownColumns();
	}

	@Override
	public Set<Column> columns() {
		return this.source.columns();
	}

	@Override
	public double fractionRead() {
		return this.source.fractionRead();
	}

	@Override
	public String readingWarning() {
		return this.source.readingWarning();
	}

	@Override
	public void close() {
		this.source.close();
	}
}
