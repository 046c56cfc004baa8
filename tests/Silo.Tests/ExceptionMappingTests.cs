using System.Net;
using OrleansTrading.Silo.Api;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>
/// Only the engine's InvalidInputException (and a body that is not valid JSON) is the caller's fault: an
/// ArgumentException from inside the engine is a 500 with a logged error.
/// </summary>
public sealed class ExceptionMappingTests(EngineBugSiloApiFactory factory) : IClassFixture<EngineBugSiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task An_argument_exception_from_inside_the_engine_is_a_500_with_a_logged_error_not_a_400()
    {
        using var response = await _client.GetAsync($"/api/quotes/{EngineBugSiloApiFactory.BuggySymbol}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("Planted", problem.String("detail"), StringComparison.Ordinal);
        var logged = await EventuallyLoggedAsync();
        Assert.Contains($"/api/quotes/{EngineBugSiloApiFactory.BuggySymbol}", logged.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(logged.Exception);
    }

    [Fact]
    public async Task An_invalid_input_exception_from_inside_the_engine_is_a_400_naming_the_field()
    {
        await _client.PublishQuoteAsync("MAPJUMP", 100m, 100.05m);

        using var response = await _client.PutQuoteAsync("MAPJUMP", 100m, 500m);

        var problem = await response.ShouldBeValidationProblemAsync("ask");
        Assert.Equal("One or more validation errors occurred.", problem.String("title"));
    }

    [Fact]
    public async Task Other_endpoints_are_unaffected_by_the_planted_bug()
    {
        using var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(string Category, string Message, Exception? Exception)> EventuallyLoggedAsync()
    {
        var category = typeof(UnexpectedArgumentExceptionHandler).FullName!;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var match = factory.Errors.FirstOrDefault(e => e.Category == category);
            if (match.Message is not null)
            {
                return match;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"No error was logged by {category}; logged: {string.Join(" | ", factory.Errors.Select(e => e.Category))}");
    }
}
