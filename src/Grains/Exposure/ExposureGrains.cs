namespace OrleansTrading.Grains.Exposure;

public static class ExposureGrains
{
    public static ISymbolExposureGrain SymbolExposure(this IGrainFactory grains, string symbol) =>
        grains.GetGrain<ISymbolExposureGrain>(symbol);

    public static IGrossExposureGrain GrossExposure(this IGrainFactory grains) => grains.GetGrain<IGrossExposureGrain>(0);
}
