using Streaming.Imaging;

namespace Streaming.Tests.Imaging;

public sealed class OpenCvRuntimeTests
{
    [Fact]
    public void MissingLibraryIsOneSentenceNamingOpenCvThePlatformAndWhatToInstall()
    {
        var sentence = OpenCvRuntime.Describe("linux-arm64", libraryPresent: false, "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies.");

        Assert.StartsWith("OpenCV is not available: this build has no native library libOpenCvSharpExtern.so for linux-arm64 (", sentence, StringComparison.Ordinal);
        Assert.Contains("publish it with the package OpenCvSharp4.runtime.linux-arm64 (scripts/publish-pi.sh adds it", sentence, StringComparison.Ordinal);
        Assert.EndsWith("or use an ImageSequence, Command or V4L2 device camera, which need no OpenCV.", sentence, StringComparison.Ordinal);
        Assert.Single(sentence.Split(". ", StringSplitOptions.None));
    }

    [Fact]
    public void LibraryWithAMissingDependencyNamesTheDependencyAndTheOsPackage()
    {
        var sentence = OpenCvRuntime.Describe(
            "linux-x64",
            libraryPresent: true,
            "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies. In order to help diagnose loading problems, "
            + "consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: libgtk-3.so.0: cannot open shared object file: No such file or directory");

        Assert.Equal(
            "OpenCV is not available: its native library libOpenCvSharpExtern.so for linux-x64 is there but it needs libgtk-3.so.0, which is not installed; install libgtk-3-0 (apt-get install libgtk-3-0).",
            sentence);
    }

    [Fact]
    public void TheTestProcessHasOpenCv()
    {
        // The rest of these tests rely on it; the app without it is tested in Dashboard.Tests (WithoutOpenCvTests).
        Assert.True(OpenCvRuntime.Current.IsAvailable, OpenCvRuntime.Current.Problem);
    }
}
