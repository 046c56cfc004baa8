namespace OrleansTrading.Client.Tests;

public sealed class GatewayAddressTests
{
    [Theory]
    [InlineData("localhost:30000", "localhost", 30000, "localhost:30000")]
    [InlineData(" 127.0.0.1:30091 ", "127.0.0.1", 30091, "127.0.0.1:30091")]
    [InlineData("[fe80::1]:1", "fe80::1", 1, "[fe80::1]:1")]
    public void Valid_gateway_is_split_into_host_and_port(string text, string host, int port, string shown)
    {
        Assert.True(GatewayAddress.TryParse(text, out var gateway, out _));
        Assert.Equal(new GatewayAddress(host, port), gateway);
        Assert.Equal(shown, gateway!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("30000")]
    [InlineData("host:-1")]
    [InlineData("host:+1")]
    [InlineData("host_name!:1")]
    public void Malformed_gateway_is_explained(string? text)
    {
        Assert.False(GatewayAddress.TryParse(text, out var gateway, out var problem));
        Assert.Null(gateway);
        Assert.StartsWith("--gateway", problem);
    }
}
