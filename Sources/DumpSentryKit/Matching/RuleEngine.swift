/// How a rule is matched.
public enum RuleEngine: String, Sendable, Hashable {
    /// Vectorscan finds end offsets; PCRE2 confirms and extracts the secret.
    case vectorscan
    /// Vectorscan rejects the exact pattern but compiles a looser prefilter of it
    /// (`HS_FLAG_PREFILTER`); PCRE2 decides every hit.
    case prefilter = "vectorscan-prefilter+pcre2"
    /// A Swift detector anchored by byte patterns in the same Vectorscan pass.
    case detector
    /// A Swift detector that sweeps every chunk with its own loop.
    case sweep
}
