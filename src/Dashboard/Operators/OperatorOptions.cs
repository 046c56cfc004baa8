namespace OrleansTrading.Dashboard.Operators;

/// <summary>Section <c>Dashboard</c>: who may steer the engine from the browser.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// The operators' shared password (from configuration or the environment, never committed). Without one, the
    /// dashboard listens on loopback only and says on the page that its controls are unprotected.
    /// </summary>
    public string? OperatorPassword { get; set; }

    /// <summary>Failed sign-ins from one address before it is locked out for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Where the key ring that signs sign-in cookies and antiforgery tokens is kept (see <see cref="OperatorKeyRing"/>);
    /// unset: ASP.NET's default under the user's home folder.
    /// </summary>
    public string? DataProtectionKeysPath { get; set; }

    public bool RequiresSignIn => !string.IsNullOrEmpty(OperatorPassword);
}
