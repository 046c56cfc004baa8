using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace OrleansTrading.Dashboard.Operators;

/// <summary>Sign-in and sign-out as plain form posts (antiforgery-checked), so the cookie is set by a real HTTP response.</summary>
public static partial class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/operator/signin", SignInAsync);
        app.MapPost("/operator/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] string? operatorName, [FromForm] string? password,
        IOptions<OperatorOptions> options, SignInThrottle throttle, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(OperatorEndpoints));
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var settings = options.Value;
        if (!settings.RequiresSignIn)
        {
            return Results.LocalRedirect("/");
        }

        if (throttle.IsLockedOut(address))
        {
            LogLockedOut(logger, address);
            return Results.LocalRedirect("/signin?error=locked");
        }

        var name = (operatorName ?? "").Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsControl) || !PasswordMatches(password, settings.OperatorPassword!))
        {
            throttle.RecordFailure(address, settings.MaxFailedSignIns, settings.LockoutDuration);
            LogSignInFailed(logger, address);
            return Results.LocalRedirect("/signin?error=failed");
        }

        throttle.RecordSuccess(address);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        LogSignedIn(logger, name, address);
        return Results.LocalRedirect("/");
    }

    /// <summary>Constant-time comparison of the hashes, so the time taken says nothing about the password.</summary>
    private static bool PasswordMatches(string? given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given ?? "")), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator {Operator} signed in from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string @operator, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed operator sign-in from {Address}")]
    private static partial void LogSignInFailed(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator sign-in from {Address} refused: locked out after repeated failures")]
    private static partial void LogLockedOut(ILogger logger, string address);
}
