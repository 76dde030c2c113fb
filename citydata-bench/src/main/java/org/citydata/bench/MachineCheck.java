package org.citydata.bench;

/**
 * How fast this machine runs a fixed single-threaded loop right now. On a shared virtual machine the same loop took
 * from 1× to 1.5× as long at different times of one day, and the CPU a request of unchanged code moved with it; printed
 * beside each measurement, it tells a slower machine from slower code when runs are compared.
 */
final class MachineCheck {

    private static long sink;

    private MachineCheck() {}

    /** Milliseconds of the fixed loop, its second run (the first lets the JIT compile it). */
    static double millis() {
        loop();
        long start = System.nanoTime();
        loop();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void loop() {
        long x = 88172645463325252L;
        long sum = 0;
        // xorshift: no allocation, no memory traffic, nothing the JIT can fold away (the result is kept)
        for (int i = 0; i < 100_000_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sum += x & 0xff;
        }
        sink += sum;
    }
}
