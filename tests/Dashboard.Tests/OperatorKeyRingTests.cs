using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Dashboard.Operators;

namespace OrleansTrading.Dashboard.Tests;

/// <summary>
/// The operators' key ring: what one dashboard process signed (a sign-in cookie, an antiforgery token) the next one,
/// started over the same <c>Dashboard:DataProtectionKeysPath</c>, still reads; a bad folder stops the start naming the key.
/// </summary>
public sealed class OperatorKeyRingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("keyring-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_cookie_signed_before_a_restart_is_read_after_it_from_the_same_folder()
    {
        var folder = Path.Combine(_root, "keys");
        var cookie = Protector(folder).Protect("operator: alice");

        Assert.Equal("operator: alice", Protector(folder).Unprotect(cookie));
        Assert.NotEmpty(Directory.GetFiles(folder, "*.xml"));
    }

    [Fact]
    public void A_cookie_signed_with_another_key_ring_is_refused()
    {
        var cookie = Protector(Path.Combine(_root, "first")).Protect("operator: alice");

        Assert.ThrowsAny<CryptographicException>(() => Protector(Path.Combine(_root, "second")).Unprotect(cookie));
    }

    [Fact]
    public void An_unset_folder_is_fine_and_a_usable_one_is_created()
    {
        var folder = Path.Combine(_root, "new", "keys");

        Assert.Null(OperatorKeyRing.Problem(null));
        Assert.Null(OperatorKeyRing.Problem(folder));
        Assert.True(Directory.Exists(folder));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("file-in-the-way")]
    [InlineData(" ")]
    public void A_folder_that_cannot_hold_keys_is_named_with_its_key(string name)
    {
        var blocker = Path.Combine(_root, "file-in-the-way");
        File.WriteAllText(blocker, "");
        var path = name == " " ? name : Path.Combine(blocker, "keys");

        var problem = OperatorKeyRing.Problem(path);

        Assert.NotNull(problem);
        Assert.StartsWith("Dashboard:DataProtectionKeysPath ", problem, StringComparison.Ordinal);
    }

    /// <summary>A fresh container of services, as a new dashboard process builds it.</summary>
    private static IDataProtector Protector(string folder)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOperatorKeyRing(folder);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("operator-cookie");
    }
}
