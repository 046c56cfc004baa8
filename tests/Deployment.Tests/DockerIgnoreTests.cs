using OrleansTrading.Deployment.Tests.Support;

namespace OrleansTrading.Deployment.Tests;

/// <summary>The root .dockerignore keeps build output, databases, certificates and secrets out of every image's build context.</summary>
public sealed class DockerIgnoreTests
{
    private readonly DockerIgnore _ignore = DockerIgnore.Load();

    [Theory]
    [InlineData("src/Silo/bin/Debug/net10.0/OrleansTrading.Silo.dll")]
    [InlineData("src/Dashboard/obj/project.assets.json")]
    [InlineData("src/Silo/data/trading.db")]
    [InlineData("data/trading.db")]
    [InlineData("backup.db")]
    [InlineData("src/Silo/data/trading.db-wal")]
    [InlineData("tests/Silo.Tests/TestResults/run.trx")]
    [InlineData(".git/HEAD")]
    [InlineData("certs/ca.key")]
    [InlineData("certs/silo.pfx")]
    [InlineData("deploy/local/client.pfx")]
    [InlineData("somewhere/ca.crt")]
    [InlineData("secrets/api-key")]
    [InlineData(".env")]
    [InlineData("deploy/.env.production")]
    public void Build_output_databases_certificates_and_secrets_stay_out(string path)
    {
        Assert.True(_ignore.Excludes(path), $"{path} would be sent to the image build");
    }

    [Theory]
    [InlineData("src/Silo/Program.cs")]
    [InlineData("src/Silo/OrleansTrading.Silo.csproj")]
    [InlineData("src/Dashboard/wwwroot/app.css")]
    [InlineData("src/Grains/Storage/SqliteDatabase.cs")]
    [InlineData("sql/001-orleans-query.sql")]
    [InlineData("deploy/gateway-certs/make-gateway-certs.sh")]
    [InlineData("Directory.Packages.props")]
    [InlineData("global.json")]
    public void The_sources_an_image_builds_from_stay_in(string path)
    {
        Assert.False(_ignore.Excludes(path), $"{path} is left out of the build context");
    }

    [Fact]
    public void Patterns_follow_the_builders_rules()
    {
        var ignore = DockerIgnore.Parse(["# a comment", "/top", "*.log", "**/cache", "docs/**", "keep/*", "!keep/this.txt"]);

        Assert.True(ignore.Excludes("top/file"));
        Assert.False(ignore.Excludes("nested/top/file"));
        Assert.True(ignore.Excludes("app.log"));
        Assert.False(ignore.Excludes("nested/app.log")); // * stays within one segment
        Assert.True(ignore.Excludes("cache"));
        Assert.True(ignore.Excludes("a/b/cache/x"));
        Assert.True(ignore.Excludes("docs/a/b.png"));
        Assert.True(ignore.Excludes("keep/that.txt"));
        Assert.False(ignore.Excludes("keep/this.txt"));
    }
}
