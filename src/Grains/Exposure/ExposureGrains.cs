using OrleansTrading.Abstractions;
namespace OrleansTrading.Grains.Exposure;

public static class ExposureGrains
{
    public static ISymbolExposureGrain SymbolExposure(this IGrainFactory grains, string symbol) =>
        grains.Get<ISymbolExposureGrain>(symbol);

    public static IGrossExposureGrain GrossExposure(this IGrainFactory grains) => grains.Get<IGrossExposureGrain>(0);
}
