package org.hvdiag.winrm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An open cmd shell (Create until Delete) and the commands started in it. */
record Shell(String id, String owner, String clientIp, String inputStreams, String outputStreams,
        Map<String, ShellCommand> commands) {

    static Shell open(String id, String owner, String clientIp, String inputStreams, String outputStreams) {
        return new Shell(id, owner, clientIp, inputStreams, outputStreams, new ConcurrentHashMap<>());
    }

    ShellCommand command(String commandId) throws WsmanFault {
        ShellCommand c = commandId == null ? null : commands.get(commandId);
        if (c == null) {
            throw WsmanFault.invalidParameter("no command " + commandId + " in shell " + id);
        }
        return c;
    }
}
