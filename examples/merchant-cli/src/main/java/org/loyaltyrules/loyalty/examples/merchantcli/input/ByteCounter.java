package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from a stream, for progress reports. Read by one thread, polled by the same. */
public final class ByteCounter {
  private long count;

  /** @return the bytes read so far */
  public long count() {
    return count;
  }

  /**
   * @param in a stream
   * @return the stream, counting into this counter
   */
  public InputStream wrap(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count++;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          count += n;
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        return skipped;
      }
    };
  }
}
