using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Silo.Api;

namespace OrleansTrading.Silo.Tests;

/// <summary>
/// A cluster that cannot reach a grain for a moment (a silo died, a placement expired, a timeout) answers 503 with
/// Retry-After: the outcome is unknown and re-sending the same signal id is safe. Anything else is left to the others.
/// </summary>
public sealed class ClusterUnavailableMappingTests
{
    private static readonly ClusterUnavailableExceptionHandler Handler = new(
        new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider().GetRequiredService<IProblemDetailsService>(),
        NullLogger<ClusterUnavailableExceptionHandler>.Instance);

    private static DefaultHttpContext Request(CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Request.Method = "POST";
        context.Request.Path = "/api/accounts/a1/signals";
        context.Response.Body = new MemoryStream();
        context.RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return context;
    }

    public static TheoryData<Exception> Transient() => new()
    {
        new SiloUnavailableException(),
        new TimeoutException("Response did not arrive on time"),
        new OperationCanceledException("Message expired before placement could complete"),
        new InvalidOperationException("wrapped", new SiloUnavailableException()),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task A_grain_the_cluster_cannot_reach_for_a_moment_is_503_with_retry_after(Exception exception)
    {
        var context = Request();

        Assert.True(await Handler.TryHandleAsync(context, exception, CancellationToken.None));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        Assert.Contains("same signalId", await new StreamReader(context.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_failures_and_requests_the_client_abandoned_are_not_its_business()
    {
        Assert.False(await Handler.TryHandleAsync(Request(), new ArgumentException("an engine bug"), CancellationToken.None));
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        Assert.False(await Handler.TryHandleAsync(Request(gone.Token), new OperationCanceledException(), CancellationToken.None));
    }
}
