package io.pharos.core.model;

/** Where a lease stands; DECLINED addresses are quarantined until the lease's end (RFC 2131 §4.3.3). */
public enum LeaseState {
    BOUND, RELEASED, DECLINED
}
