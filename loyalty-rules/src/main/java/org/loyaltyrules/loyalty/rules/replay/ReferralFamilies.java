package org.loyaltyrules.loyalty.rules.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.loyalty.Member;

/**
 * Groups members into referral families: a member and everyone connected to them by referrer links,
 * in either direction, however long the chain and even through a cycle. A referral bonus writes to
 * an upline's ledger, so a family must be decided by one partition; members in different families
 * never read or write each other's ledgers, which is what lets partitions run in parallel.
 *
 * <p>A family is named by its smallest member id, so the grouping depends only on the members, not
 * on their order. Members not listed (first met in the event stream) are families of their own.
 *
 * <p>This class is immutable and thread-safe once built.
 */
final class ReferralFamilies {
  private final Map<String, String> rootOf;

  ReferralFamilies(List<Member> members) {
    Map<String, String> parent = new HashMap<>();
    for (Member member : members) {
      parent.put(member.id(), member.id());
    }
    for (Member member : members) {
      member.referrerId().filter(parent::containsKey).ifPresent(referrer -> union(parent, member.id(), referrer));
    }
    Map<String, String> roots = new HashMap<>();
    for (String id : parent.keySet()) {
      roots.put(id, find(parent, id));
    }
    this.rootOf = roots;
  }

  private static String find(Map<String, String> parent, String id) {
    String root = id;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    // Path compression: later finds on this chain take one step.
    String at = id;
    while (!at.equals(root)) {
      String next = parent.get(at);
      parent.put(at, root);
      at = next;
    }
    return root;
  }

  /** Joins two families under the smaller root id, so the name of a family is its smallest id. */
  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (ra.equals(rb)) {
      return;
    }
    if (ra.compareTo(rb) < 0) {
      parent.put(rb, ra);
    } else {
      parent.put(ra, rb);
    }
  }

  /**
   * @param memberId a member id
   * @return the family's name: its smallest member id (the member's own id when not listed)
   */
  String family(String memberId) {
    return rootOf.getOrDefault(memberId, memberId);
  }

  /**
   * @param memberId a member id
   * @param partitions how many partitions there are, ≥ 1
   * @return the partition that decides the member's family, in {@code [0, partitions)}
   */
  int partition(String memberId, int partitions) {
    return partitions == 1 ? 0 : Math.floorMod(family(memberId).hashCode(), partitions);
  }
}
