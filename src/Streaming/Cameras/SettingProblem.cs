namespace Streaming.Cameras;

/// <summary>One thing wrong with one setting of a camera, worded for the person who set it.</summary>
public sealed record SettingProblem(string Setting, string Message)
{
    public override string ToString() => Message;
}
