using Microsoft.Extensions.Configuration;
using OrleansTrading.Silo.Hosting;

namespace OrleansTrading.Silo.Tests;

public sealed class ListeningAddressGuardTests
{
    private const string Key = "Trading:Api:Key";

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://127.0.0.1:5001;http://localhost:5000")]
    public void Loopback_urls_are_allowed_without_an_api_key(string urls)
    {
        Assert.Null(ListeningAddressGuard.Check(Config(("urls", urls))));
    }

    [Fact]
    public void No_configured_address_is_allowed_without_an_api_key()
    {
        Assert.Null(ListeningAddressGuard.Check(Config()));
    }

    public static TheoryData<string, string> ExposedSettings => new()
    {
        { "urls", "http://0.0.0.0:5000" },
        { "urls", "http://*:5000" },
        { "urls", "http://+:5000" },
        { "urls", "http://127.0.0.1:5000;http://0.0.0.0:5001" },
        { "http_ports", "8080" },
        { "https_ports", "8443" },
        { "Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5000" },
    };

    [Theory]
    [MemberData(nameof(ExposedSettings))]
    public void Listening_beyond_loopback_is_refused_without_an_api_key(string setting, string value)
    {
        var message = ListeningAddressGuard.Check(Config((setting, value)));

        Assert.NotNull(message);
        Assert.Contains(Key, message);
    }

    [Theory]
    [MemberData(nameof(ExposedSettings))]
    public void Listening_beyond_loopback_is_refused_when_the_api_key_is_blank(string setting, string value)
    {
        Assert.NotNull(ListeningAddressGuard.Check(Config((setting, value), (Key, "   "))));
    }

    [Theory]
    [MemberData(nameof(ExposedSettings))]
    public void Listening_beyond_loopback_is_allowed_with_an_api_key(string setting, string value)
    {
        Assert.Null(ListeningAddressGuard.Check(Config((setting, value), (Key, "secret"))));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
