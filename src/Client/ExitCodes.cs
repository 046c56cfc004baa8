namespace OrleansTrading.Client;

/// <summary>The process exit codes: a public contract for scripts that call the client.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad arguments: nothing was sent to the cluster.</summary>
    public const int InvalidArguments = 1;

    /// <summary>The signal was decided and rejected by a rule (the reason code is printed).</summary>
    public const int SignalRejected = 2;

    /// <summary><c>kill-switch flatten</c> refused because the kill-switch is active: a refusal, like a rejected signal.</summary>
    public const int FlattenRefused = 2;

    /// <summary>The account (or, for <c>quote show</c>, the quote) does not exist.</summary>
    public const int NotFound = 3;

    /// <summary><c>accounts create</c> for an account id that already exists.</summary>
    public const int AlreadyExists = 4;

    /// <summary>The gateway could not be reached, or the connection was lost during the call.</summary>
    public const int ClusterUnavailable = 5;

    /// <summary>The cluster answered with an unexpected error (for example a storage failure).</summary>
    public const int EngineError = 6;

    /// <summary>
    /// The signal id was already used for a signal with different content: nothing was traded. The first decision
    /// and the differing fields are printed; send a new signal id for a new signal.
    /// </summary>
    public const int SignalIdConflict = 7;

    /// <summary>The user interrupted the command (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
