package dev.memlens.analysis;

import java.util.List;

/** A call whose effect is being worked out: the def (by identity) and how its arguments are passed. */
record EffectKey(IdentityKey def, List<StandIn> args) {}
