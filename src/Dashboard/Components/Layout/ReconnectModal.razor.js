// Blazor's reconnect states, shown as a non-blocking banner. A dashboard is often left open on a spare screen,
// so after Blazor gives up it keeps retrying on its own, and reloads when the server no longer knows the circuit
// (the dashboard process restarted).
const banner = document.getElementById("components-reconnect-modal");
const retryEverySeconds = 5;
let retryTimer = null;

banner.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);

function onStateChanged(event) {
    const state = event.detail.state;
    if (state === "show" || state === "retrying" || state === "paused" || state === "resume-failed") {
        showBanner();
    } else if (state === "hide") {
        hideBanner();
    } else if (state === "failed") {
        showBanner();
        scheduleRetry();
    } else if (state === "rejected") {
        location.reload();
    }
}

function showBanner() {
    if (!banner.open) {
        banner.show();
    }
    document.body.classList.add("circuit-lost");
}

function hideBanner() {
    stopRetrying();
    banner.close();
    document.body.classList.remove("circuit-lost");
}

function scheduleRetry() {
    if (retryTimer === null) {
        retryTimer = setInterval(retry, retryEverySeconds * 1000);
    }
}

function stopRetrying() {
    if (retryTimer !== null) {
        clearInterval(retryTimer);
        retryTimer = null;
    }
}

async function retry() {
    try {
        // true: reconnected; false: the server is back but has no such circuit (it restarted).
        const reconnected = await Blazor.reconnect();
        if (reconnected) {
            hideBanner();
            return;
        }
        const resumed = await Blazor.resumeCircuit();
        if (resumed) {
            hideBanner();
        } else {
            location.reload();
        }
    } catch {
        // Still unreachable: the timer tries again.
        scheduleRetry();
    }
}

async function resume() {
    try {
        if (await Blazor.resumeCircuit()) {
            hideBanner();
        } else {
            location.reload();
        }
    } catch {
        banner.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}
