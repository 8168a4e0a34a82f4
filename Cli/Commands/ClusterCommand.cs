using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary>
/// A command that works on a cluster: it checks its input, connects (see <see cref="ConnectionOptions"/>), runs, and
/// turns the usual failures into one line and an exit code (2: no cluster answered; 1: the cluster refused).
/// </summary>
internal abstract class ClusterCommand : Command
{
    protected ClusterCommand(string name, string description)
        : base(name, description)
    {
        SetAction(async (parse, ct) =>
        {
            if (Refuse(parse) is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 1;
            }

            try
            {
                await using var connection = await ClusterConnection.ConnectAsync(
                    parse.GetValue(ConnectionOptions.GatewayPort), parse.GetValue(ConnectionOptions.Redis), parse.GetValue(ConnectionOptions.ClusterId)!, ct);
                return await RunAsync(parse, connection, ct);
            }
            catch (ClusterUnreachableException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
    }

    /// <summary>Runs the command on the connected cluster; returns the exit code.</summary>
    protected abstract Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken);

    /// <summary>A reason not to run at all, checked before connecting (exit code 1); null to run.</summary>
    protected virtual string? Refuse(ParseResult parse) => null;
}
