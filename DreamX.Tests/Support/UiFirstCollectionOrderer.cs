using DreamX.Tests.Ui.Support;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("DreamX.Tests.Support.UiFirstCollectionOrderer", "DreamX.Tests")]

namespace DreamX.Tests.Support;

/// <summary>
/// Starts the longest chain first. xUnit runs as many collections at once as there are cores (two on CI) and starts them
/// in this order; the UI collection is one chain of Playwright tests run one after another (about ten minutes), while the
/// rest are short and fill the other core. Started late, the chain alone decided the suite's length (it began after 7 of
/// 17 minutes in one run); started first, it runs beside everything else. The others keep xUnit's order.
/// </summary>
public sealed class UiFirstCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == UiCollection.Name ? 0 : 1);
}
