using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Output;

/// <summary>
/// A failed command as <c>--json</c> prints it on stdout, inside <c>{"error": …}</c>, so a script reading stdout always
/// gets JSON. The same message goes to stderr as one line. A rejected signal is not an error: it prints its decision.
/// </summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="ExitCode">The process exit code, one of <see cref="ExitCodes"/>.</param>
/// <param name="Problems">Every problem found in the arguments, when they were refused before anything was sent.</param>
/// <param name="FirstDecision">For a signal id conflict: the decision the id already has.</param>
/// <param name="DifferingFields">For a signal id conflict: the signal fields that differ from the first one.</param>
public sealed record CliError(
    string Code,
    int ExitCode,
    string Message,
    IReadOnlyList<string>? Problems = null,
    DecisionRecord? FirstDecision = null,
    IReadOnlyList<string>? DifferingFields = null);
