namespace HarvestOrleans.Policies;

/// <summary>
/// Work the placing caller has sent to each VM and not yet seen finish. Counting it keeps a burst between two load
/// reports from landing on one VM; the original implementation ignores it (see <see cref="ReservationView.None"/>).
/// </summary>
public interface IReservationView
{
    double ReservedCores(string vmId);

    double ReservedMemoryMb(string vmId);
}

public static class ReservationView
{
    /// <summary>Ignores in-flight work: placement then depends only on reported usage, as in the paper's code.</summary>
    public static IReservationView None { get; } = new NoReservations();

    private sealed class NoReservations : IReservationView
    {
        public double ReservedCores(string vmId) => 0;

        public double ReservedMemoryMb(string vmId) => 0;
    }
}
