using ActorStream.Configuration;

namespace ActorStream.Hocon.Tests;

/// <summary>
/// lightbend/config's equivalence fixtures: every file of a folder must parse and resolve (without the
/// environment) to the value of that folder's original.json.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var (folder, file) in ConformanceFixtures.Cases())
        {
            data.Add(folder, file);
        }

        if (data.Count == 0)
        {
            // Keeps the theory from silently running zero cases; the case itself reports the missing folder.
            data.Add("<missing>", "<missing>");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ParseFile_EquivalentFile_EqualsOriginalJson(string folder, string file)
    {
        var root = ConformanceFixtures.Directory();
        Assert.True(Directory.Exists(root), $"HOCON conformance fixtures not found at {root}");
        var dir = Path.Combine(root, folder);

        var expected = ConfigurationFactory.ParseFile(Path.Combine(dir, "original.json")).ResolveWith(useEnvironment: false).Root;
        var actual = ConfigurationFactory.ParseFile(Path.Combine(dir, file)).ResolveWith(useEnvironment: false).Root;

        Assert.True(expected.Equals(actual), $"{folder}/{file}\nexpected:\n{expected}\nactual:\n{actual}");
    }

    [Fact]
    public void Fixtures_AllFoldersAndFiles_Visited()
    {
        var root = ConformanceFixtures.Directory();
        Assert.True(Directory.Exists(root), $"HOCON conformance fixtures not found at {root}");
        var cases = ConformanceFixtures.Cases().ToList();

        Assert.Equal(ConformanceFixtures.ExpectedFolders, cases.Select(c => c.Folder).Distinct().Count());
        Assert.Equal(ConformanceFixtures.ExpectedFiles, cases.Count);
    }

    [Fact]
    public void ParseFile_ConformanceOriginals_ParseAsHoconToTheirOwnValue()
    {
        var root = ConformanceFixtures.Directory();
        Assert.True(Directory.Exists(root), $"HOCON conformance fixtures not found at {root}");
        foreach (var dir in Directory.GetDirectories(root, "equiv*"))
        {
            var path = Path.Combine(dir, "original.json");
            var viaFile = ConfigurationFactory.ParseFile(path).Root;
            var viaString = ConfigurationFactory.ParseString(File.ReadAllText(path)).ResolveWith(useEnvironment: false).Root;
            Assert.True(viaFile.Count > 0 || Path.GetFileName(dir) == "equiv04", dir);
            Assert.True(viaFile.Equals(viaString), dir);
        }
    }
}
