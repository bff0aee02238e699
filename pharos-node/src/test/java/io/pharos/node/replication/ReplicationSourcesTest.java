package io.pharos.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pharos.core.model.Member;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationSourcesTest {
    private static final List<Member> MEMBERS = List.of(
            new Member("n1", "10.0.0.1:9870", "10.0.0.1:8080", false, "1"),
            new Member("n2", "10.0.0.2:9870", "http://10.0.0.2:8080/", false, "1"),
            new Member("n3", "10.0.0.3:9870", "10.0.0.3:8080", true, "1"),
            new Member("n4", "10.0.0.4:9870", "", false, "1"));

    @Test
    void theLeaderFirstThenTheOthersNeverSelf() {
        assertEquals(List.of("http://10.0.0.2:8080", "http://10.0.0.3:8080"),
                ReplicationSources.order(MEMBERS, Optional.of("n2"), "n1"));
        assertEquals(List.of("http://10.0.0.3:8080", "http://10.0.0.1:8080"),
                ReplicationSources.order(MEMBERS, Optional.of("n3"), "n2"));
    }

    @Test
    void withoutALeaderEveryOtherMemberAndOnTheLeaderItselfTheRest() {
        assertEquals(List.of("http://10.0.0.1:8080", "http://10.0.0.2:8080"),
                ReplicationSources.order(MEMBERS, Optional.empty(), "n3"));
        assertEquals(List.of("http://10.0.0.2:8080", "http://10.0.0.3:8080"),
                ReplicationSources.order(MEMBERS, Optional.of("n1"), "n1"));
    }
}
