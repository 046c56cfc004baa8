namespace OrleansTrading.LoadGen.Load;

/// <summary>Sends one signal and reports the outcome; never throws for a failed call (that is an <see cref="OutcomeKind.Error"/>).</summary>
public interface ISignalSender
{
    string Transport { get; }

    Task<SignalOutcome> SendAsync(LoadSignal signal);
}
