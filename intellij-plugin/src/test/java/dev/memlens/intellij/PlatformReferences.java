package dev.memlens.intellij;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Every class and member outside the plugin and the JDK that the compiled plugin classes name: in supertypes,
 * descriptors, generic signatures, annotations, instructions, constants, method handles, and the platform methods
 * plugin methods override. Members are attributed to the (stub) class that declares them, the way the JVM resolves them.
 */
final class PlatformReferences {

  final Set<String> types = new TreeSet<>();
  final Set<String> members = new TreeSet<>();
  private final ClassUniverse universe;

  private PlatformReferences(ClassUniverse universe) {
    this.universe = universe;
  }

  static PlatformReferences of(Map<String, byte[]> pluginClasses, ClassUniverse universe) {
    PlatformReferences refs = new PlatformReferences(universe);
    pluginClasses.values().forEach(bytes -> new ClassReader(bytes).accept(refs.new Collector(), 0));
    for (ClassUniverse.Shape shape : universe.pluginShapes().values()) {
      for (ClassUniverse.Member method : shape.members()) {
        boolean overridable = !method.field() && !method.name().startsWith("<")
            && (method.access() & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0;
        if (overridable) {
          universe.overridden(shape, method).ifPresent(m -> refs.members.add(memberLine(m)));
        }
      }
    }
    return refs;
  }

  static String memberLine(ClassUniverse.Member m) {
    return (m.field() ? "field " : "method ") + m.owner() + " " + m.name() + m.descriptor();
  }

  static boolean isJdk(String internalName) {
    try {
      Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private boolean isPlatform(String internalName) {
    return !universe.isPlugin(internalName) && !isJdk(internalName);
  }

  private void type(String internalName) {
    if (internalName == null) {
      return;
    }
    if (internalName.startsWith("[")) {
      typeOf(Type.getType(internalName));
      return;
    }
    if (isPlatform(internalName)) {
      types.add(internalName);
    }
  }

  private void typeOf(Type type) {
    switch (type.getSort()) {
      case Type.ARRAY -> typeOf(type.getElementType());
      case Type.OBJECT -> type(type.getInternalName());
      case Type.METHOD -> {
        typeOf(type.getReturnType());
        for (Type argument : type.getArgumentTypes()) {
          typeOf(argument);
        }
      }
      default -> {
      }
    }
  }

  private void descriptor(String descriptor) {
    if (descriptor != null) {
      typeOf(Type.getType(descriptor));
    }
  }

  private void signature(String signature) {
    if (signature == null) {
      return;
    }
    new SignatureReader(signature).accept(new SignatureVisitor(Opcodes.ASM9) {
      @Override
      public void visitClassType(String name) {
        type(name);
      }
    });
  }

  private void member(String owner, String name, String descriptor, boolean field) {
    type(owner);
    descriptor(descriptor);
    if (owner.startsWith("[")) {
      return;
    }
    Optional<ClassUniverse.Member> declared = universe.resolve(owner, name, descriptor, field);
    if (declared.isPresent()) {
      if (isPlatform(declared.get().owner())) {
        members.add(memberLine(declared.get()));
      }
    } else if (isPlatform(owner)) {
      members.add((field ? "field " : "method ") + owner + " " + name + descriptor); // no stub declares it: surfaces as unlisted
    }
  }

  private void constant(Object value) {
    if (value instanceof Type t) {
      typeOf(t);
    } else if (value instanceof Handle h) {
      member(h.getOwner(), h.getName(), h.getDesc(), h.getTag() <= Opcodes.H_PUTSTATIC);
    }
  }

  private AnnotationVisitor annotations(String descriptor) {
    descriptor(descriptor);
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String name, Object value) {
        constant(value);
      }

      @Override
      public void visitEnum(String name, String enumDescriptor, String value) {
        descriptor(enumDescriptor);
      }

      @Override
      public AnnotationVisitor visitAnnotation(String name, String nested) {
        return annotations(nested);
      }

      @Override
      public AnnotationVisitor visitArray(String name) {
        return this;
      }
    };
  }

  private final class Collector extends ClassVisitor {
    Collector() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      type(superName);
      if (interfaces != null) {
        for (String i : interfaces) {
          type(i);
        }
      }
      signature(signature);
    }

    @Override
    public void visitInnerClass(String name, String outerName, String innerName, int access) {
      type(name);
      type(outerName);
    }

    @Override
    public void visitOuterClass(String owner, String name, String descriptor) {
      type(owner);
      descriptor(descriptor);
    }

    @Override
    public void visitNestHost(String nestHost) {
      type(nestHost);
    }

    @Override
    public void visitNestMember(String nestMember) {
      type(nestMember);
    }

    @Override
    public void visitPermittedSubclass(String permittedSubclass) {
      type(permittedSubclass);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return annotations(descriptor);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
      descriptor(descriptor);
      signature(signature);
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return annotations(annotation);
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      descriptor(descriptor);
      signature(signature);
      if (exceptions != null) {
        for (String e : exceptions) {
          type(e);
        }
      }
      Consumer<String> typeRef = PlatformReferences.this::type;
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return annotations(annotation);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
          return annotations(annotation);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
          return annotations(null);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          typeRef.accept(type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
          member(owner, fieldName, fieldDescriptor, true);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor, boolean isInterface) {
          member(owner, methodName, methodDescriptor, false);
        }

        @Override
        public void visitInvokeDynamicInsn(String dynName, String dynDescriptor, Handle bootstrap, Object... arguments) {
          descriptor(dynDescriptor);
          constant(bootstrap);
          for (Object argument : arguments) {
            constant(argument);
          }
        }

        @Override
        public void visitLdcInsn(Object value) {
          constant(value);
        }

        @Override
        public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
          descriptor(arrayDescriptor);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
          typeRef.accept(type);
        }

        @Override
        public void visitLocalVariable(String local, String localDescriptor, String localSignature, Label start, Label end, int index) {
          descriptor(localDescriptor);
          signature(localSignature);
        }
      };
    }
  }
}
