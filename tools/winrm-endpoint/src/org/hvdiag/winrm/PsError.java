package org.hvdiag.winrm;

/**
 * A terminating PowerShell error as powershell.exe writes it to stderr in a remote shell: "Cmdlet :
 * message", then the CategoryInfo and FullyQualifiedErrorId lines. (The "At line:N char:M" and the
 * code excerpt a real host adds between them are left out: they quote hvdiag's script, not the host.)
 */
final class PsError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String text;

    private PsError(String text) {
        super(text);
        this.text = text;
    }

    /** An error a Hyper-V cmdlet raises (VirtualizationException). */
    static PsError hyperV(String cmdlet, String message, String category, String target, String errorId) {
        String cls = "Microsoft.HyperV.PowerShell.Commands." + cmdlet.replace("-", "");
        return new PsError(cmdlet + " : " + message + "\n    + CategoryInfo          : " + category + ": (" + target + ") ["
                + cmdlet + "], VirtualizationException\n    + FullyQualifiedErrorId : " + errorId + "," + cls + "\n");
    }

    /** Hyper-V's answer to a change the VM's state does not allow. */
    static PsError wrongState(String cmdlet, Vm vm) {
        return hyperV(cmdlet, "The operation cannot be performed while the virtual machine is in its current state.",
                "InvalidOperation", vm.name() + ":VirtualMachine", "InvalidState");
    }

    /** Hyper-V's refusal of a value (out of range, not a multiple, not a known name). */
    static PsError invalidArgument(String cmdlet, Vm vm, String message) {
        return hyperV(cmdlet, message, "InvalidArgument", vm.name() + ":VirtualMachine", "InvalidParameter");
    }

    /** A parameter value PowerShell cannot convert (before the cmdlet runs). */
    static PsError cannotBind(String cmdlet, String parameter, String message) {
        String cls = "Microsoft.HyperV.PowerShell.Commands." + cmdlet.replace("-", "");
        return new PsError(cmdlet + " : Cannot bind parameter '" + parameter + "'. " + message
                + "\n    + CategoryInfo          : InvalidArgument: (:) [" + cmdlet + "], ParameterBindingException"
                + "\n    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage," + cls + "\n");
    }

    /** A script's own `throw "text"` (RuntimeException, OperationStopped). */
    static PsError thrown(String message) {
        return new PsError(message + "\n    + CategoryInfo          : OperationStopped: (" + message + ":String) [], RuntimeException"
                + "\n    + FullyQualifiedErrorId : " + message + "\n");
    }

    /** A .NET method call that throws (e.g. [Convert]::FromBase64String). */
    static PsError methodException(String call, int args, String message, String exception) {
        return new PsError("Exception calling \"" + call + "\" with \"" + args + "\" argument(s): \"" + message + "\""
                + "\n    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException"
                + "\n    + FullyQualifiedErrorId : " + exception + "\n");
    }

    /** A name PowerShell cannot resolve to a command. */
    static PsError notRecognized(String name) {
        return new PsError(name + " : The term '" + name + "' is not recognized as the name of a cmdlet, function, script file, "
                + "or operable program. Check the spelling of the name, or if a path was included, verify that the path is "
                + "correct and try again.\n    + CategoryInfo          : ObjectNotFound: (" + name + ":String) [], "
                + "CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException\n");
    }

    /** Any other cmdlet's error, e.g. ConvertFrom-Json's. */
    static PsError cmdlet(String cmdlet, String message, String category, String exception, String errorId) {
        return new PsError(cmdlet + " : " + message + "\n    + CategoryInfo          : " + category + ": (:) [" + cmdlet + "], "
                + exception + "\n    + FullyQualifiedErrorId : " + errorId + "\n");
    }

    /** What this loopback host says of any script that is not hvdiag's. */
    static PsError notHvdiag() {
        return new PsError("hvdiag's loopback Hyper-V host runs only hvdiag's inventory and change scripts "
                + "(vm-json.ps1 with inventory.ps1 or change.ps1), its evidence script (evidence.ps1) and the commands hostname, echo and ipconfig; "
                + "this script is none of them.\n    + CategoryInfo          : NotImplemented: (:) [], NotSupportedException"
                + "\n    + FullyQualifiedErrorId : HvdiagLoopbackHostOnly\n");
    }

    String text() {
        return text;
    }
}
