namespace ActorStream.Persistence.Tests;

public sealed class RecoveryPermitterTests
{
    [Fact]
    public async Task Acquire_BeyondMax_WaitsAndIsServedInArrivalOrder()
    {
        var permitter = new RecoveryPermitter(2);
        await permitter.AcquireAsync();
        await permitter.AcquireAsync();
        var third = permitter.AcquireAsync();
        var fourth = permitter.AcquireAsync();
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, permitter.Waiting);

        permitter.Release();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, permitter.UsedPermits);

        permitter.Release();
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        permitter.Release();
        permitter.Release();
        Assert.Equal(0, permitter.UsedPermits);
        Assert.Equal(0, permitter.Waiting);
    }

    [Fact]
    public void Release_WithoutHolders_NeverGoesNegative()
    {
        var permitter = new RecoveryPermitter(1);
        permitter.Release();
        Assert.Equal(0, permitter.UsedPermits);
        Assert.True(permitter.AcquireAsync().IsCompleted);
        Assert.False(permitter.AcquireAsync().IsCompleted);
    }
}
