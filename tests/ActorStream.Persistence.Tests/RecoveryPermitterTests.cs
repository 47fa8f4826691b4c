namespace ActorStream.Persistence.Tests;

public sealed class RecoveryPermitterTests
{
    [Fact]
    public async Task Request_BeyondMax_WaitsAndIsServedInArrivalOrder()
    {
        var permitter = new RecoveryPermitter(2);
        var first = permitter.Request();
        var second = permitter.Request();
        await Task.WhenAll(first.Granted, second.Granted).WaitAsync(TimeSpan.FromSeconds(5));
        var third = permitter.Request();
        var fourth = permitter.Request();
        Assert.False(third.Granted.IsCompleted);
        Assert.False(fourth.Granted.IsCompleted);
        Assert.Equal(2, permitter.Waiting);

        permitter.Return(first);
        await third.Granted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(fourth.Granted.IsCompleted);
        Assert.Equal(2, permitter.UsedPermits);

        permitter.Return(second);
        await fourth.Granted.WaitAsync(TimeSpan.FromSeconds(5));
        permitter.Return(third);
        permitter.Return(fourth);
        Assert.Equal(0, permitter.UsedPermits);
        Assert.Equal(0, permitter.Waiting);
    }

    [Fact]
    public void Return_Twice_GivesBackOnePermit()
    {
        var permitter = new RecoveryPermitter(1);
        var held = permitter.Request();
        var queued = permitter.Request();
        permitter.Return(held);
        permitter.Return(held);
        Assert.True(queued.Granted.IsCompleted);
        Assert.Equal(1, permitter.UsedPermits);
        Assert.False(permitter.Request().Granted.IsCompleted);
    }

    [Fact]
    public void Return_WhileQueued_LeavesTheQueueAndIsNeverGranted()
    {
        var permitter = new RecoveryPermitter(1);
        var held = permitter.Request();
        var abandoned = permitter.Request();
        var next = permitter.Request();
        permitter.Return(abandoned);
        Assert.Equal(1, permitter.Waiting);

        permitter.Return(held);
        Assert.False(abandoned.Granted.IsCompleted);
        Assert.True(next.Granted.IsCompleted);
        permitter.Return(next);
        Assert.Equal(0, permitter.UsedPermits);
        Assert.Equal(0, permitter.Waiting);
    }
}
