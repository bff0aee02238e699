package io.pharos.protocols.dhcp.policy;

import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.net.Ipv4;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingOffersTest {
    private static final Ipv4 A = Ipv4.parse("10.0.0.100");
    private static final Ipv4 B = Ipv4.parse("10.0.0.101");
    private final PendingOffers pending = new PendingOffers(Duration.ofSeconds(10));

    @Test
    void anOfferIsHeldForTheHoldTimeThenLapses() {
        pending.offer("c1", A, 0);
        assertTrue(pending.heldByOther(A, "c2", 9_999));
        assertFalse(pending.heldByOther(A, "c1", 9_999), "not against the client it was offered to");
        assertEquals(Optional.of(A), pending.offeredTo("c1", 9_999));
        assertFalse(pending.heldByOther(A, "c2", 10_000));
        assertEquals(Optional.empty(), pending.offeredTo("c1", 10_000));
    }

    @Test
    void aNewOfferToTheSameClientReleasesTheOldAddress() {
        pending.offer("c1", A, 0);
        pending.offer("c1", B, 0);
        assertFalse(pending.heldByOther(A, "c2", 1));
        assertTrue(pending.heldByOther(B, "c2", 1));
        assertEquals(1, pending.size());
    }

    @Test
    void aCommitInFlightIsHeldPastTheOfferTimeUntilSettled() {
        pending.committing("c1", A, 0);
        assertTrue(pending.heldByOther(A, "c2", 30_000));
        pending.settled("c2", A);
        assertTrue(pending.heldByOther(A, "c2", 30_000), "only the committing client settles its hold");
        pending.settled("c1", A);
        assertFalse(pending.heldByOther(A, "c2", 30_000));
        assertEquals(0, pending.size());
    }

    @Test
    void offeringAgainDuringTheCommitKeepsTheLongerHold() {
        pending.committing("c1", A, 0);
        pending.offer("c1", A, 1);
        assertTrue(pending.heldByOther(A, "c2", 30_000));
    }

    @Test
    void anotherOfferToTheClientDuringTheCommitKeepsTheCommitsHold() {
        pending.committing("c1", A, 0);
        pending.offer("c1", B, 1);
        assertTrue(pending.heldByOther(A, "c2", 2));
        assertTrue(pending.heldByOther(B, "c2", 2));
        pending.settled("c1", A);
        assertFalse(pending.heldByOther(A, "c2", 2));
        assertEquals(Optional.of(B), pending.offeredTo("c1", 2));
    }

    @Test
    void aRetransmittedRequestKeepsTheHoldUntilBothCommitsSettle() {
        pending.committing("c1", A, 0);
        pending.committing("c1", A, 4_000);
        pending.settled("c1", A);
        assertTrue(pending.heldByOther(A, "c2", 5_000));
        pending.settled("c1", A);
        assertFalse(pending.heldByOther(A, "c2", 5_000));
    }

    @Test
    void aCommitThatNeverSettlesLapsesEventually() {
        pending.committing("c1", A, 0);
        assertFalse(pending.heldByOther(A, "c2", PendingOffers.COMMIT_HOLD_MILLIS));
    }

    @Test
    void droppingAClientsOfferFreesTheAddressButNotACommitInFlight() {
        pending.offer("c1", A, 0);
        pending.drop("c1");
        assertFalse(pending.heldByOther(A, "c2", 1));
        pending.committing("c1", B, 0);
        pending.drop("c1");
        assertTrue(pending.heldByOther(B, "c2", 1));
    }

    @Test
    void lapsedHoldsAreSweptSoTheMapsStayBounded() {
        for (int i = 0; i < 5000; i++) pending.offer("c" + i, new Ipv4(0x0a000000 + i), i * 100L);
        assertTrue(pending.size() < 1200, "size " + pending.size());
    }
}
