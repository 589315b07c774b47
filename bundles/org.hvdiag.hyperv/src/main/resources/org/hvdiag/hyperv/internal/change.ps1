# hvdiag change v1
# Changes one VM as the plan says and prints it re-read (vm-json.ps1 comes first in the same
# -EncodedCommand). The plan arrives as base64 of UTF-8 JSON in the single-quoted literal below, so no
# value the admin or a VM name supplies is ever PowerShell code; the VM is addressed by its id.
# A change Hyper-V refuses stops the script with its error on stderr and exit code 1.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$plan = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('HVDIAG_PLAN_BASE64')) | ConvertFrom-Json
$vm = Get-VM -Id ([guid] $plan.VmId)
foreach ($c in $plan.Changes) {
    switch ([string] $c.Kind) {
        'AutomaticStopAction' { Set-VM -VM $vm -AutomaticStopAction ([string] $c.Value) }
        'ProcessorCount' { Set-VMProcessor -VM $vm -Count ([long] $c.Value) }
        'MemoryStartup' { Set-VMMemory -VM $vm -StartupBytes ([long] $c.Value) }
        'DynamicMemory' {
            if ([bool] $c.Enabled) {
                $p = @{ VM = $vm; DynamicMemoryEnabled = $true }
                if ($null -ne $c.Minimum) { $p.MinimumBytes = [long] $c.Minimum }
                if ($null -ne $c.Maximum) { $p.MaximumBytes = [long] $c.Maximum }
                if ($null -ne $c.Buffer) { $p.Buffer = [int] $c.Buffer }
                Set-VMMemory @p
            } else {
                Set-VMMemory -VM $vm -DynamicMemoryEnabled $false
            }
        }
        'ExposeVirtualizationExtensions' { Set-VMProcessor -VM $vm -ExposeVirtualizationExtensions ([bool] $c.Value) }
        'IntegrationService' {
            $service = Get-VMIntegrationService -VM $vm | Where-Object Name -eq ([string] $c.Name)
            if (-not $service) { throw ("no integration service named '{0}'" -f [string] $c.Name) }
            if ([bool] $c.Enabled) { Enable-VMIntegrationService -VMIntegrationService $service }
            else { Disable-VMIntegrationService -VMIntegrationService $service }
        }
        'SecureBootTemplate' { Set-VMFirmware -VM $vm -SecureBootTemplate ([string] $c.Value) }
        'UpdateVersion' { Update-VMVersion -VM $vm -Force -Confirm:$false }
        default { throw ("hvdiag change kind '{0}' is not known to this script" -f [string] $c.Kind) }
    }
}
Get-HvdiagVm (Get-VM -Id ([guid] $plan.VmId)) | ConvertTo-Json -Depth 6 -Compress
