package org.hvdiag.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.model.Host;

/**
 * VMs audited per second on one thread, with every built-in rule, over a 100,000-VM generated
 * fleet. The score is in VMs per second (one operation = one VM).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleEngineBenchmark {
    static final int FLEET_SIZE = 100_000;

    private Fleet fleet;
    private Map<String, Host> hostsById;
    private RuleEngine engine;

    @Setup
    public void setUp() {
        fleet = new Fleet(FLEET_SIZE, 42);
        hostsById = new java.util.HashMap<>();
        fleet.hosts.forEach(h -> hostsById.put(h.id(), h));
        engine = new RuleEngine(BuiltInRules.all());
    }

    @Benchmark
    @OperationsPerInvocation(FLEET_SIZE)
    public void auditFleet(Blackhole blackhole) {
        engine.audit(fleet.vms, hostsById, AuditSettings.DEFAULTS, blackhole::consume);
    }
}
