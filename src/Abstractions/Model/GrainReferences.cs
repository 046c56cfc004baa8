namespace OrleansTrading.Abstractions;

/// <summary>
/// Grain references without Orleans' per-call type lookup. <c>GetGrain&lt;T&gt;(key)</c> works out the grain interface type
/// from <typeparamref name="T"/>'s attributes on every call (reflection, ~4 % of the silo's CPU under load, where every
/// signal addresses five or six grains); the interface and grain type of <typeparamref name="T"/> never change, so they
/// are worked out once and each reference is built from its id, as Orleans itself builds it.
/// </summary>
public static class GrainReferences
{
    public static T Get<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var (grainType, interfaceType) = Types<T>.Of(grains);
        return (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    public static T Get<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey
    {
        var (grainType, interfaceType) = Types<T>.Of(grains);
        return (T)grains.GetGrain(GrainId.Create(grainType, GrainIdKeyExtensions.CreateIntegerKey(key)), interfaceType);
    }

    private static class Types<T> where T : IGrain
    {
        // A class, so a thread never sees half of it (a struct of two ids could tear).
        private static Resolved? _types;

        public static (GrainType GrainType, GrainInterfaceType InterfaceType) Of(IGrainFactory grains)
        {
            if (_types is { } known)
            {
                return (known.GrainType, known.InterfaceType);
            }

            // Orleans' own resolution, once: a reference to any key carries both types.
            var probe = (GrainReference)(object)(typeof(IGrainWithIntegerKey).IsAssignableFrom(typeof(T))
                ? grains.GetGrain(typeof(T), 0L)
                : grains.GetGrain(typeof(T), "types"));
            _types = new Resolved(probe.GrainId.Type, probe.InterfaceType);
            return (probe.GrainId.Type, probe.InterfaceType);
        }
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
