namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// Which signal an account sends next: open after a rejected open, close after an accepted (or failed, so possibly
/// executed) open, open after a close. So accounts end flat and a close is never sent with nothing to reduce.
/// </summary>
public sealed class AccountCursor(AccountPlan plan)
{
    private int _sequence;
    private bool _holding;

    public AccountPlan Plan => plan;

    public LoadSignal Next() => new(plan.AccountId, $"{plan.AccountId}-{_sequence++}", plan.Symbol, Open: !_holding);

    public void Answered(LoadSignal signal, SignalOutcome outcome) =>
        _holding = signal.Open && outcome.Kind != OutcomeKind.Rejected;
}
