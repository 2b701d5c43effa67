// Globex orders a VXC to Acme's port that approves at once, found by provider name, location and port name, through
// the plugin's generated Go SDK; the default provider takes its key from stack config under `megaport-mx:`.
package main

import (
	"github.com/megaport-mx/megaport-mx/sdks/go/megaportmx"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		vxc, err := megaportmx.NewVxcConnection(ctx, "to-acme", &megaportmx.VxcConnectionArgs{
			Name:      pulumi.String("Globex to Acme through the Go SDK"),
			RateLimit: pulumi.Int(cfg.RequireInt("rateLimit")),
			AEnd: &megaportmx.VxcConnectionAEndArgs{
				ProductUid: pulumi.String(cfg.Require("globexPort")),
				Vlan:       pulumi.Int(403),
			},
			BEnd: &megaportmx.VxcConnectionBEndArgs{
				ProviderName: pulumi.String("Acme Networks"),
				Location:     pulumi.String("Global Switch Sydney West"),
				PortName:     pulumi.String("Acme Sydney Instant"),
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("vxcUid", vxc.VxcUid)
		ctx.Export("status", vxc.ProvisioningStatus)
		ctx.Export("acmePort", vxc.ChosenBEndPortName)
		ctx.Export("rateLimit", vxc.RateLimit)
		return nil
	})
}
