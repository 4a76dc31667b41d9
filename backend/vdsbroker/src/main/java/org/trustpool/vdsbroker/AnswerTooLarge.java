package org.trustpool.vdsbroker;

import java.io.IOException;

/** An agent's answer went past the size limit; reading stopped there. */
final class AnswerTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    AnswerTooLarge(String howMuch) {
        super(howMuch);
    }
}
