using CircuitSim.Output;

namespace CircuitSim.Tests.Output;

public class AtomicFileTests
{
    [Fact]
    public void ThrowingWriterLeavesNoFinalAndNoTempFile()
    {
        using var dir = new TempDir();
        var path = dir.File("data.bin");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[4096]);
            s.Flush();
            // The half-written data sits in a hidden temp file beside the target, not in the target.
            Assert.False(File.Exists(path));
            Assert.Single(Directory.GetFiles(dir.Path, ".data.bin.tmp-*"));
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("disk full", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ThrowingWriterKeepsTheOldFileIntact()
    {
        using var dir = new TempDir();
        var path = dir.File("metrics.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.WriteText(path, w => { w.Write("new, half"); throw new IOException("boom"); }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void WritesReplaceAndCreateFolders()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "a", "b", "x.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second é");
        Assert.Equal("second é", File.ReadAllText(path));
        Assert.Equal([0x73, 0x65], File.ReadAllBytes(path)[..2]);   // no byte-order mark
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }
}
