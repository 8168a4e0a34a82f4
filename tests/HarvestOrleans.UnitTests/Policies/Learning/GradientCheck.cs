namespace HarvestOrleans.UnitTests.Policies;

/// <summary>Compares an analytic gradient with central finite differences of the loss, parameter by parameter.</summary>
internal static class GradientCheck
{
    private const double STEP = 1e-5;

    /// <summary>
    /// The largest relative difference between <paramref name="analytic"/> and the finite differences of
    /// <paramref name="loss"/> over every value of <paramref name="parameters"/> (changed in place, then restored).
    /// </summary>
    public static double MaxRelativeError(IReadOnlyList<double[]> parameters, IReadOnlyList<double[]> analytic, Func<double> loss)
    {
        Assert.Equal(parameters.Count, analytic.Count);
        var worst = 0.0;
        for (var a = 0; a < parameters.Count; a++)
        {
            Assert.Equal(parameters[a].Length, analytic[a].Length);
            for (var i = 0; i < parameters[a].Length; i++)
            {
                var kept = parameters[a][i];
                parameters[a][i] = kept + STEP;
                var up = loss();
                parameters[a][i] = kept - STEP;
                var down = loss();
                parameters[a][i] = kept;
                var numeric = (up - down) / (2 * STEP);
                var error = Math.Abs(numeric - analytic[a][i]) / Math.Max(1e-3, Math.Abs(numeric) + Math.Abs(analytic[a][i]));
                worst = Math.Max(worst, error);
            }
        }

        return worst;
    }
}
