using Microsoft.AspNetCore.DataProtection;

namespace OrleansTrading.Dashboard.Operators;

/// <summary>
/// The key ring that signs the operators' sign-in cookies and the antiforgery tokens of their forms. ASP.NET keeps it
/// under the user's home folder by default, which inside a container lives only as long as the container: every
/// recreate would sign every operator out and break the forms open in their browsers. With
/// <c>Dashboard:DataProtectionKeysPath</c> the ring is kept in that folder (a volume in Docker Compose) instead.
/// </summary>
public static class OperatorKeyRing
{
    public const string PathKey = OperatorOptions.SectionName + ":" + nameof(OperatorOptions.DataProtectionKeysPath);

    /// <summary>Cookies issued by one dashboard process are read by the next only when both name the same application.</summary>
    public const string ApplicationName = "OrleansTrading.Dashboard";

    public static IServiceCollection AddOperatorKeyRing(this IServiceCollection services, string? keysPath)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!string.IsNullOrWhiteSpace(keysPath))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        return services;
    }

    /// <summary>Null when the folder is unset or usable (created when missing); otherwise a sentence naming the key.</summary>
    public static string? Problem(string? keysPath)
    {
        if (keysPath is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(keysPath))
        {
            return $"{PathKey} must not be empty (leave it unset to keep the keys in the user's home folder).";
        }

        try
        {
            Directory.CreateDirectory(keysPath);
            var probe = Path.Combine(keysPath, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{PathKey} '{keysPath}' is not a folder this process can write: {ex.Message}";
        }
    }
}
