using Microsoft.AspNetCore.Http.HttpResults;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using System.Text.Json;
using OrleansTrading.Grains;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Silo.Api;

/// <summary>The HTTP API: a thin layer that validates input, calls grains, and maps decisions to status codes.</summary>
public static class TradingApi
{
    public static IEndpointRouteBuilder MapTradingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/accounts", CreateAccountAsync);
        api.MapGet("/accounts", ListAccountsAsync);
        api.MapGet("/accounts/{id}", GetAccountAsync);
        api.MapPost("/accounts/{id}/signals", SubmitSignalAsync);
        api.MapPut("/quotes/{symbol}", PublishQuoteAsync);
        api.MapGet("/quotes/{symbol}", GetQuoteAsync);
        api.MapGet("/kill-switch", GetKillSwitchAsync);
        api.MapPut("/kill-switch", SetKillSwitchAsync);
        api.MapPost("/kill-switch/flatten", FlattenAsync);
        api.MapGet("/accounts/{id}/orders", GetOrdersAsync);
        api.MapGet("/accounts/{id}/trades", GetTradesAsync);
        api.MapGet("/accounts/{id}/decisions", GetDecisionsAsync);
        api.MapGet("/decisions", GetLatestDecisionsAsync);
        api.MapGet("/accounts/{id}/limits", GetLimitsAsync);
        api.MapPut("/accounts/{id}/limits", UpdateLimitsAsync);
        api.MapPost("/accounts/{id}/reset-drawdown", ResetDrawdownAsync);
        api.MapGet("/portfolio", GetPortfolioAsync);
        return app;
    }

    private static async Task<IResult> GetLimitsAsync(string id, IGrainFactory grains)
    {
        var limits = RequestParsing.IsValidAccountId(id) ? await grains.Account(id).GetLimitsAsync() : null;
        return limits is null ? AccountNotFound(id) : TypedResults.Ok(limits);
    }

    /// <summary>A partial change: a named limit with a value is overridden, with <c>null</c> restored to its default.</summary>
    private static async Task<IResult> UpdateLimitsAsync(string id, JsonElement body, IGrainFactory grains)
    {
        if (!RequestParsing.IsValidAccountId(id))
        {
            return AccountNotFound(id);
        }

        var (change, errors) = LimitsChangeParsing.Parse(body);
        if (change is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var limits = await grains.Account(id).UpdateLimitsAsync(change);
        return limits is null ? AccountNotFound(id) : TypedResults.Ok(limits);
    }

    private static async Task<IResult> ResetDrawdownAsync(string id, ResetDrawdownRequest? request, IGrainFactory grains)
    {
        if (!RequestParsing.IsValidAccountId(id))
        {
            return AccountNotFound(id);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            errors["reason"] = ["reason is required: say why the drawdown halt is lifted (it is journaled)."];
        }
        else
        {
            ValidationErrors.Add(errors, "reason", InputRules.ReasonProblem(request.Reason));
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var limits = await grains.Account(id).ResetDrawdownAsync(request!.Reason!);
        return limits is null ? AccountNotFound(id) : TypedResults.Ok(limits);
    }

    private static async Task<Ok<PortfolioSummary>> GetPortfolioAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.Portfolio().GetSummaryAsync());

    private static async Task<IResult> CreateAccountAsync(CreateAccountRequest? request, IGrainFactory grains)
    {
        var errors = RequestParsing.ValidateAccount(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var creation = await grains.Account(request!.AccountId!).CreateAsync(request.InitialBalance!.Value);
        return creation.Created
            ? TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(creation.Snapshot.AccountId)}", creation.Snapshot)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Account already exists.",
                detail: $"Account '{request.AccountId}' already exists.");
    }

    private static async Task<Ok<List<AccountSnapshot>>> ListAccountsAsync(IGrainFactory grains)
    {
        var ids = await grains.AccountDirectory().ListAsync();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.Account(id).GetSnapshotAsync()));
        return TypedResults.Ok(snapshots.OfType<AccountSnapshot>().ToList());
    }

    private static async Task<IResult> GetAccountAsync(string id, IGrainFactory grains)
    {
        var snapshot = RequestParsing.IsValidAccountId(id) ? await grains.Account(id).GetSnapshotAsync() : null;
        return snapshot is null ? AccountNotFound(id) : TypedResults.Ok(snapshot);
    }

    private static async Task<IResult> SubmitSignalAsync(string id, SubmitSignalRequest? request, IGrainFactory grains,
        SignalAdmission admission, HttpContext http)
    {
        if (!RequestParsing.IsValidAccountId(id))
        {
            return AccountNotFound(id);
        }

        var (signal, errors) = RequestParsing.ParseSignal(request);
        if (signal is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        SignalDecision decision;
        try
        {
            decision = await admission.RunAsync(() => grains.Account(id).SubmitSignalAsync(signal), http.RequestAborted);
        }
        catch (SignalIdConflictException conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The signal id was already used for a different signal.",
                detail: conflict.Message, extensions: new Dictionary<string, object?>
                {
                    ["firstDecision"] = conflict.FirstDecision,
                    ["differingFields"] = conflict.DifferingFields,
                });
        }

        return decision switch
        {
            { Reason: RejectionReason.AccountNotFound } => AccountNotFound(id),
            { Status: SignalStatus.Accepted } => TypedResults.Ok(SignalResponse.From(decision)),
            _ => TypedResults.UnprocessableEntity(SignalResponse.From(decision)),
        };
    }

    private static async Task<IResult> PublishQuoteAsync(string symbol, PublishQuoteRequest? request, IGrainFactory grains,
        [FromKeyedServices(TradingClock.Key)] TimeProvider clock)
    {
        var (quote, errors) = RequestParsing.ParseQuote(symbol, request, clock.GetUtcNow());
        if (quote is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await grains.MarketData(quote.Symbol).PublishQuoteAsync(quote);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetQuoteAsync(string symbol, IGrainFactory grains)
    {
        var quote = InputRules.IsSymbol(symbol) ? await grains.MarketData(symbol).GetQuoteAsync() : null;
        return quote is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No quote.", detail: $"No quote has been published for '{symbol}'.")
            : TypedResults.Ok(quote);
    }

    private static async Task<Ok<KillSwitchStatus>> GetKillSwitchAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.KillSwitch().GetStatusAsync());

    private static async Task<IResult> SetKillSwitchAsync(SetKillSwitchRequest? request, IGrainFactory grains)
    {
        var (state, errors) = RequestParsing.ParseKillSwitch(request);
        if (state is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await grains.KillSwitch().SetStateAsync(state.Value, request!.Reason));
    }

    private static async Task<IResult> FlattenAsync(IGrainFactory grains)
    {
        var status = await grains.KillSwitch().GetStatusAsync();
        if (status.State == KillSwitchState.Active)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Kill-switch is active.",
                detail: "Set the kill-switch to reduceOnly or halted before flattening.");
        }

        return TypedResults.Ok(await grains.KillSwitch().FlattenAsync());
    }

    private static Task<IResult> GetOrdersAsync(string id, int? offset, int? limit, IGrainFactory grains) =>
        PagedAsync(id, offset, limit, (o, l) => grains.Account(id).GetOrdersAsync(o, l));

    private static Task<IResult> GetTradesAsync(string id, int? offset, int? limit, IGrainFactory grains) =>
        PagedAsync(id, offset, limit, (o, l) => grains.Account(id).GetTradesAsync(o, l));

    private static Task<IResult> GetDecisionsAsync(string id, int? offset, int? limit, string? status, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var only = status is null ? null : RequestParsing.ParseEnum<SignalStatus>(status, "status", errors);
        return errors.Count > 0
            ? Task.FromResult<IResult>(TypedResults.ValidationProblem(errors))
            : PagedAsync(id, offset, limit, (o, l) => grains.Account(id).GetDecisionsAsync(o, l, only));
    }

    /// <summary>The latest decisions across all accounts, newest first: <c>?limit=</c> [50, at most 500].</summary>
    private static async Task<IResult> GetLatestDecisionsAsync(int? limit, IGrainFactory grains)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 500."] });
        }

        return TypedResults.Ok(await grains.DecisionFeed().GetLatestAsync(limit ?? 50));
    }

    /// <summary>Journal listings: newest first, <c>?offset=</c> [0] and <c>?limit=</c> [50, at most 500].</summary>
    private static async Task<IResult> PagedAsync<T>(string id, int? offset, int? limit, Func<int, int, Task<Page<T>?>> read)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (offset is < 0)
        {
            errors["offset"] = ["offset must not be negative."];
        }

        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["limit must be between 1 and 500."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = RequestParsing.IsValidAccountId(id) ? await read(offset ?? 0, limit ?? 50) : null;
        return page is null ? AccountNotFound(id) : TypedResults.Ok(page);
    }

    private static ProblemHttpResult AccountNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found.", detail: $"Account '{id}' does not exist.");
}
