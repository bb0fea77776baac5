package dev.memlens.features;

/** A place that explains a finding ("y was bound to the same list here"). */
public record RelatedLocation(SourceLocation location, String message) {
}
